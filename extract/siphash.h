/*
 * SipHash (Aumasson and Bernstein, 2012), a keyed hash for the tables that hold keys
 * taken from the input: words of a document, actor keys, document ids. An unkeyed
 * hash such as FNV-1a lets an article be written whose words all share one hash
 * (collisions of FNV are cheap to make, and any common suffix keeps two equal-length
 * colliding strings colliding, so k colliding pairs chain into 2^k colliding words);
 * with a secret random key per table owner, finding such words means breaking a
 * PRF, and every table operation stays O(1) expected on any input.
 *
 * SipHash-1-3 (one compression round, three finalisation rounds), as redis and
 * CPython use for their hash tables: a table needs unpredictable slots, not a MAC.
 * The lexicons loaded from data/ are trusted keys and keep their FNV hash.
 */
#ifndef CG_SIPHASH_H
#define CG_SIPHASH_H

#include <stddef.h>
#include <stdint.h>

enum { CG_HASHKEY_LEN = 16 };

/* SipHash-1-3 of data[0..n) under key. */
uint64_t cg_siphash(const uint8_t key[CG_HASHKEY_LEN], const void *data, size_t n);

/* SipHash-1-3 of the ASCII-lower-cased form of data[0..n) (cg_lower on each byte),
 * without a copy: equal to cg_siphash of that form. */
uint64_t cg_siphash_lower(const uint8_t key[CG_HASHKEY_LEN], const void *data, size_t n);

/* SipHash-2-4, the paper's reference parameters: the same code with more rounds,
 * there so that tests can check it against the published vectors. */
uint64_t cg_siphash24(const uint8_t key[CG_HASHKEY_LEN], const void *data, size_t n);

/* Fills key with 16 random bytes from getrandom(2); when the kernel cannot give
 * them, with a mix of clocks and addresses (see siphash.c). */
void cg_hashkey_random(uint8_t key[CG_HASHKEY_LEN]);

/* The 8 bytes of x with ASCII 'A'..'Z' lower-cased (cg_lower on each byte), for the
 * case-blind hash and comparisons that work a word at a time. */
#define CG_BYTES8(c) (0x0101010101010101ull * (uint64_t)(c))
static inline uint64_t cg_lower8(uint64_t x) {
  uint64_t low7 = x & CG_BYTES8(0x7F);
  uint64_t ge_a = low7 + CG_BYTES8(0x80 - 'A');     /* high bit: byte >= 'A' */
  uint64_t gt_z = low7 + CG_BYTES8(0x80 - 'Z' - 1); /* high bit: byte > 'Z' */
  uint64_t upper = ge_a & ~gt_z & ~x & CG_BYTES8(0x80);
  return x | (upper >> 2);
}

#endif
