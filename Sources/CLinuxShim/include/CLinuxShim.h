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

/// accept4 with SOCK_NONBLOCK | SOCK_CLOEXEC (accept4 needs _GNU_SOURCE).
int percolator_accept_nonblocking(int fd);

/// Blocks SIGPIPE for the whole process so a write to a closed peer returns EPIPE.
void percolator_ignore_sigpipe(void);

/// Installs handlers for SIGINT and SIGTERM that write the signal number to a pipe
/// (the self-pipe trick), whichever thread receives the signal.
int percolator_block_shutdown_signals(void);

/// Blocks until SIGINT or SIGTERM arrives (after the call above); returns its number.
int percolator_wait_shutdown_signal(void);

#ifdef __linux__
/// epoll_event packs its data union; these helpers keep Swift away from the packing.
int percolator_epoll_ctl(int epfd, int op, int fd, uint32_t events, uint64_t data);
/// Waits for events; fills parallel arrays of event masks and data words.
int percolator_epoll_wait(int epfd, uint32_t *events, uint64_t *data, int maxevents, int timeout_ms);
#endif

#endif
