#define _GNU_SOURCE
#include "CLinuxShim.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>

int percolator_setsockopt_int(int fd, int level, int name, int value) {
    return setsockopt(fd, level, name, &value, sizeof(value));
}

void percolator_ignore_sigpipe(void) {
    signal(SIGPIPE, SIG_IGN);
}

static int shutdown_pipe[2] = {-1, -1};

static void percolator_on_shutdown_signal(int sig) {
    int saved = errno;
    unsigned char byte = (unsigned char)sig;
    if (shutdown_pipe[1] >= 0) { ssize_t ignored = write(shutdown_pipe[1], &byte, 1); (void)ignored; }
    errno = saved;
}

int percolator_block_shutdown_signals(void) {
    if (shutdown_pipe[0] < 0 && pipe2(shutdown_pipe, O_CLOEXEC) != 0) return -1;
    struct sigaction action;
    memset(&action, 0, sizeof(action));
    action.sa_handler = percolator_on_shutdown_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    if (sigaction(SIGINT, &action, NULL) != 0) return -1;
    if (sigaction(SIGTERM, &action, NULL) != 0) return -1;
    return 0;
}

int percolator_wait_shutdown_signal(void) {
    unsigned char byte = 0;
    for (;;) {
        ssize_t n = read(shutdown_pipe[0], &byte, 1);
        if (n == 1) return byte;
        if (n < 0 && errno == EINTR) continue;
        return -1;
    }
}

#ifdef __linux__
int percolator_epoll_ctl(int epfd, int op, int fd, uint32_t events, uint64_t data) {
    struct epoll_event ev;
    ev.events = events;
    ev.data.u64 = data;
    return epoll_ctl(epfd, op, fd, &ev);
}

int percolator_epoll_wait(int epfd, uint32_t *events, uint64_t *data, int maxevents, int timeout_ms) {
    struct epoll_event buffer[256];
    if (maxevents > 256) maxevents = 256;
    int n;
    do {
        n = epoll_wait(epfd, buffer, maxevents, timeout_ms);
    } while (n < 0 && errno == EINTR);
    for (int i = 0; i < n; i++) {
        events[i] = buffer[i].events;
        data[i] = buffer[i].data.u64;
    }
    return n;
}
#endif

int percolator_accept_nonblocking(int fd) {
    return accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
}
