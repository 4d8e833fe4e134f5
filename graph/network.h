/*
 * The event network (igraph): document, event and actor vertices; actor-event edges
 * with roles, event-document mention edges, actor-actor edges weighted by shared
 * events, event->event temporal order. Computes actor metrics (degree, strength,
 * PageRank, betweenness, components, communities with a fixed seed) into the corpus.
 * All igraph calls live in graph/; igraph is used from one thread only.
 */
#ifndef CG_NETWORK_H
#define CG_NETWORK_H

#include "corpus.h"

#include <stdio.h>

typedef struct cg_network cg_network;

/* Builds the network of a finished corpus and writes the metrics into c->actors.
 * c is borrowed and must outlive the network. Caller frees with cg_network_free. */
cg_status cg_network_new(cg_network **out, cg_corpus *c, cg_error *err);
void cg_network_free(cg_network *n);

/* Writes the network as GraphML (igraph's writer; names and labels as attributes). */
cg_status cg_network_write_graphml(const cg_network *n, FILE *f, cg_error *err);

/* The network as node-link JSON {"nodes":[...],"links":[...]}. New reference. */
json_t *cg_network_to_json(const cg_network *n);

/* Actor-actor edges (i < j, weight = shared events), for the actor graph renderer.
 * Borrowed arrays valid while n lives; *count edges. */
typedef struct cg_actor_edge {
  uint32_t a, b;   /* indices into corpus actors */
  double weight;
} cg_actor_edge;
const cg_actor_edge *cg_network_actor_edges(const cg_network *n, size_t *count);

#endif
