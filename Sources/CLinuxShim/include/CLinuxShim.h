// What the HTTP module needs from Linux that Glibc does not export to Swift cleanly:
// epoll, eventfd, and a few socket option helpers with fixed argument types.
#ifndef PERCOLATOR_CLINUXSHIM_H
#define PERCOLATOR_CLINUXSHIM_H

#ifdef __linux__
#include <sys/epoll.h>
#include <sys/eventfd.h>
#endif
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <pthread.h>
#include <stdint.h>

/// Sets an int-valued socket option; returns 0 or -1 with errno set.
int percolator_setsockopt_int(int fd, int level, int name, int value);

/// Blocks SIGPIPE for the whole process so a write to a closed peer returns EPIPE.
void percolator_ignore_sigpipe(void);

/// Blocks SIGINT and SIGTERM in the calling thread (and threads it creates later),
/// so that a dedicated thread can wait for them with sigwait.
int percolator_block_shutdown_signals(void);

/// Waits for SIGINT or SIGTERM (blocked beforehand); returns the signal number.
int percolator_wait_shutdown_signal(void);

#ifdef __linux__
/// epoll_event packs its data union; these helpers keep Swift away from the packing.
int percolator_epoll_ctl(int epfd, int op, int fd, uint32_t events, uint64_t data);
/// Waits for events; fills parallel arrays of event masks and data words.
int percolator_epoll_wait(int epfd, uint32_t *events, uint64_t *data, int maxevents, int timeout_ms);
#endif

#endif
