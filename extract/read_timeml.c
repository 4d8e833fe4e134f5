/* Placeholder: replaced by the real TimeML reader/writer. */
#include "read_timeml.h"

cg_status cg_read_timeml(const char *buf, size_t len, const char *name, cg_doc **out,
                         cg_error *err) {
  (void)buf;
  (void)len;
  *out = NULL;
  return cg_error_set(err, CG_EINPUT, name, 0, 0, -1, "TimeML reader not built yet");
}

void cg_write_timeml(const cg_docx *dx, cg_buf *out) {
  (void)dx;
  (void)out;
}
