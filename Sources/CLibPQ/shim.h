// libpq, PostgreSQL's C client library (Debian's libpq-dev installs the header under
// /usr/include/postgresql). The Store module's PostgreSQL backend is its only user.
#ifndef PERCOLATOR_CLIBPQ_SHIM_H
#define PERCOLATOR_CLIBPQ_SHIM_H

#include <postgresql/libpq-fe.h>

/// The error fields the Store reads (character-literal macros, which Swift does not import).
static const int percolator_pq_diag_sqlstate = PG_DIAG_SQLSTATE;
static const int percolator_pq_diag_message_primary = PG_DIAG_MESSAGE_PRIMARY;

#endif
