//
// NanoMqtt: TCP/IP for the POSIX nanoCLR. build-toolchain copies this file into the pinned
// nf-interpreter's targets/posix/nanoCLR (see tools/nanoclr/posix/README.md).
//
// System.Net's own native code (NativeSocket, IPAddress) calls the SOCK_* functions declared in
// src/PAL/Include/nanoPAL_Sockets.h, which on a device forward to lwIP. Here they run on the host's BSD
// sockets, translated to the Winsock-style constants, error codes and fd_set that header defines.
//
// Handles: the managed Socket holds a handle, not a file descriptor. Handles are never reused, so a call
// that System.Net re-enters after another thread closed the socket (Abort under a hung Connect) finds
// no handle and fails with ENOTSOCK, instead of waiting on a descriptor that the kernel may already
// have given to the next socket.
//
// Waking: System.Net's natives never block. On "would block" they wait for Event_Socket and are
// re-entered. A device raises that event from its TCP/IP stack; here a watcher thread poll()s the open
// sockets and raises SYSTEM_EVENT_FLAG_SOCKET when one becomes readable, writable (only for those
// waiting to connect or to send) or fails.
//

#include <nanoCLR_Runtime.h>
#include <nanoHAL.h>
#include <nanoPAL.h>
#include "sys_net_native.h"

#include <arpa/inet.h>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <mutex>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

// The SOCK_ structures must have the wire layout of sockaddr_in: on LP64 u_long is 64 bits, and the
// patch to nanoPAL_Sockets.h makes SOCK_in_addr's S_addr 32 bits.
static_assert(sizeof(SOCK_sockaddr_in) == sizeof(sockaddr_in), "SOCK_sockaddr_in must match sockaddr_in");

namespace
{
struct Socket
{
    int fd;
    int error;        // the Winsock code of the last failed operation on this socket, 0 after a success
    bool connecting;  // a non-blocking connect is in progress: writable (or failed) means it finished
    bool wantWrite;   // a send would have blocked: the watcher waits for POLLOUT too
};

std::mutex s_lock;
std::condition_variable s_changed;
std::map<int, Socket> s_sockets; // handle -> socket, guarded by s_lock
int s_nextHandle = 1;
int s_lastError = 0; // the CLR runs every managed thread on one OS thread, so one value is enough
int s_wakeFd = -1;   // eventfd: interrupts the watcher's poll() when the set of sockets changes
bool s_watcherStarted = false;

int ToWinsock(int err)
{
    switch (err)
    {
        case 0:
            return 0;
        case EWOULDBLOCK:
#if EAGAIN != EWOULDBLOCK
        case EAGAIN:
#endif
        case EINPROGRESS:
            // System.Net expects lwIP's behaviour: a pending connect reports "would block".
            return SOCK_EWOULDBLOCK;
        case EALREADY:
            return SOCK_EALREADY;
        case EINTR:
            return SOCK_EINTR;
        case EBADF:
            return SOCK_EBADF;
        case EACCES:
            return SOCK_EACCES;
        case EFAULT:
            return SOCK_EFAULT;
        case EINVAL:
            return SOCK_EINVAL;
        case EMFILE:
        case ENFILE:
            return SOCK_EMFILE;
        case ENOTSOCK:
            return SOCK_ENOTSOCK;
        case EDESTADDRREQ:
            return SOCK_EDESTADDRREQ;
        case EMSGSIZE:
            return SOCK_EMSGSIZE;
        case EPROTOTYPE:
            return SOCK_EPROTOTYPE;
        case ENOPROTOOPT:
            return SOCK_ENOPROTOOPT;
        case EPROTONOSUPPORT:
            return SOCK_EPROTONOSUPPORT;
        case EOPNOTSUPP:
            return SOCK_EOPNOTSUPP;
        case EAFNOSUPPORT:
            return SOCK_EAFNOSUPPORT;
        case EADDRINUSE:
            return SOCK_EADDRINUSE;
        case EADDRNOTAVAIL:
            return SOCK_EADDRNOTAVAIL;
        case ENETDOWN:
            return SOCK_ENETDOWN;
        case ENETUNREACH:
            return SOCK_ENETUNREACH;
        case ECONNABORTED:
            return SOCK_ECONNABORTED;
        case ECONNRESET:
        case EPIPE:
            // Winsock reports a send on a connection the peer reset as WSAECONNRESET.
            return SOCK_ECONNRESET;
        case ENOBUFS:
        case ENOMEM:
            return SOCK_ENOBUFS;
        case EISCONN:
            return SOCK_EISCONN;
        case ENOTCONN:
            return SOCK_ENOTCONN;
        case ESHUTDOWN:
            return SOCK_ESHUTDOWN;
        case ETIMEDOUT:
            return SOCK_ETIMEDOUT;
        case ECONNREFUSED:
            return SOCK_ECONNREFUSED;
        case EHOSTDOWN:
            return SOCK_EHOSTDOWN;
        case EHOSTUNREACH:
            return SOCK_EHOSTUNREACH;
        default:
            return SOCK_EINVAL;
    }
}

void Wake()
{
    if (s_wakeFd >= 0)
    {
        uint64_t one = 1;
        ssize_t ignored = write(s_wakeFd, &one, sizeof(one));
        (void)ignored;
    }
}

// Raises the socket event whenever a socket may have changed state. Each wake costs the CLR one pass
// over its waiting socket calls, so unread data that stays readable is re-signalled at most every 2 ms.
void Watch()
{
    std::vector<pollfd> fds;
    while (true)
    {
        fds.clear();
        {
            std::unique_lock<std::mutex> lock(s_lock);
            s_changed.wait(lock, [] { return !s_sockets.empty(); });
            fds.push_back({s_wakeFd, POLLIN, 0});
            for (auto &entry : s_sockets)
            {
                short events = POLLIN;
                if (entry.second.connecting || entry.second.wantWrite)
                {
                    events |= POLLOUT;
                }

                fds.push_back({entry.second.fd, events, 0});
            }
        }

        // The 100 ms timeout is a safety net: a state change this watcher does not model (an option, a
        // shutdown) is still noticed within one tick.
        int n = poll(fds.data(), fds.size(), 100);
        if (n > 0 && (fds[0].revents & POLLIN))
        {
            uint64_t count;
            ssize_t ignored = read(s_wakeFd, &count, sizeof(count));
            (void)ignored;
        }

        Events_Set(SYSTEM_EVENT_FLAG_SOCKET);
        if (n > 0)
        {
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
    }
}

void StartWatcher()
{
    // Called with s_lock held.
    if (!s_watcherStarted)
    {
        s_watcherStarted = true;
        s_wakeFd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        std::thread(Watch).detach();
    }
}

int Fail(int winsockError)
{
    s_lastError = winsockError;
    return SOCK_SOCKET_ERROR;
}

// The socket's descriptor, or -1 with ENOTSOCK when the handle is closed or unknown.
int Lookup(int handle, Socket **socket = nullptr)
{
    auto it = s_sockets.find(handle);
    if (it == s_sockets.end())
    {
        s_lastError = SOCK_ENOTSOCK;
        return -1;
    }

    it->second.error = 0;
    if (socket)
    {
        *socket = &it->second;
    }

    return it->second.fd;
}

// Records errno as the socket's and the global last error; returns SOCK_SOCKET_ERROR.
int FailOn(Socket *socket, int err)
{
    int code = ToWinsock(err);
    if (socket)
    {
        socket->error = code;
    }

    return Fail(code);
}

bool ToHost(const SOCK_sockaddr *address, int addressLen, sockaddr_in &out)
{
    if (address == nullptr || addressLen < (int)sizeof(SOCK_sockaddr_in) || address->sa_family != SOCK_AF_INET)
    {
        return false;
    }

    const SOCK_sockaddr_in *in = (const SOCK_sockaddr_in *)address;
    memset(&out, 0, sizeof(out));
    out.sin_family = AF_INET;
    out.sin_port = in->sin_port;             // both in network order
    out.sin_addr.s_addr = in->sin_addr.S_un.S_addr;
    return true;
}

// The socket's descriptor and the call's IPv4 address in host form (bind, connect, sendto); -1 with the
// error recorded when the handle is unknown or the address is not IPv4. Called with s_lock held.
int LookupTo(int handle, const SOCK_sockaddr *address, int addressLen, Socket **socket, sockaddr_in &in)
{
    int fd = Lookup(handle, socket);
    if (fd >= 0 && !ToHost(address, addressLen, in))
    {
        FailOn(*socket, EAFNOSUPPORT);
        return -1;
    }

    return fd;
}

void FromHost(const sockaddr_in &in, SOCK_sockaddr *address, int *addressLen)
{
    if (address == nullptr || addressLen == nullptr || *addressLen < (int)sizeof(SOCK_sockaddr_in))
    {
        return;
    }

    SOCK_sockaddr_in *out = (SOCK_sockaddr_in *)address;
    memset(out, 0, sizeof(*out));
    out->sin_family = SOCK_AF_INET;
    out->sin_port = in.sin_port;
    out->sin_addr.S_un.S_addr = in.sin_addr.s_addr;
    *addressLen = sizeof(SOCK_sockaddr_in);
}

int Register(int fd)
{
    std::lock_guard<std::mutex> lock(s_lock);
    StartWatcher();
    int handle = s_nextHandle++;
    if (s_nextHandle <= 0)
    {
        s_nextHandle = 1;
    }

    s_sockets[handle] = Socket{fd, 0, false, false};
    s_changed.notify_all();
    Wake();
    return handle;
}

// Winsock level and option -> BSD level and option; false when the option has no BSD counterpart.
bool ToHostOption(int level, int optname, int &hostLevel, int &hostName)
{
    if (level == SOCK_SOL_SOCKET)
    {
        hostLevel = SOL_SOCKET;
        switch (optname)
        {
            case SOCK_SOCKO_REUSEADDRESS:
                hostName = SO_REUSEADDR;
                return true;
            case SOCK_SOCKO_KEEPALIVE:
                hostName = SO_KEEPALIVE;
                return true;
            case SOCK_SOCKO_BROADCAST:
                hostName = SO_BROADCAST;
                return true;
            case SOCK_SOCKO_SNDBUF:
                hostName = SO_SNDBUF;
                return true;
            case SOCK_SOCKO_RCVBUF:
                hostName = SO_RCVBUF;
                return true;
            case SOCK_SOCKO_ERROR:
                hostName = SO_ERROR;
                return true;
            default:
                return false;
        }
    }

    if (level == SOCK_IPPROTO_TCP && optname == SOCK_TCP_NODELAY)
    {
        hostLevel = IPPROTO_TCP;
        hostName = TCP_NODELAY;
        return true;
    }

    if (level == SOCK_IPPROTO_IP && optname == SOCK_IPO_TTL)
    {
        hostLevel = IPPROTO_IP;
        hostName = IP_TTL;
        return true;
    }

    return false;
}
} // namespace

// ---------------------------------------------------------------------------------------------------
// The BSD-style functions System.Net's natives call.
// ---------------------------------------------------------------------------------------------------

int SOCK_socket(int family, int type, int protocol)
{
    if (family != SOCK_AF_INET)
    {
        return Fail(SOCK_EAFNOSUPPORT); // IPv4 only
    }

    int hostType = type == SOCK_SOCK_STREAM ? SOCK_STREAM : (type == SOCK_SOCK_DGRAM ? SOCK_DGRAM : -1);
    if (hostType < 0)
    {
        return Fail(SOCK_ESOCKTNOSUPPORT);
    }

    int fd = socket(AF_INET, hostType | SOCK_CLOEXEC, protocol);
    if (fd < 0)
    {
        return FailOn(nullptr, errno);
    }

    return Register(fd);
}

int SOCK_bind(int handle, const SOCK_sockaddr *address, int addressLen)
{
    std::lock_guard<std::mutex> lock(s_lock);
    Socket *s;
    sockaddr_in in;
    int fd = LookupTo(handle, address, addressLen, &s, in);
    if (fd < 0)
    {
        return SOCK_SOCKET_ERROR;
    }

    return bind(fd, (sockaddr *)&in, sizeof(in)) == 0 ? 0 : FailOn(s, errno);
}

int SOCK_connect(int handle, const SOCK_sockaddr *address, int addressLen)
{
    std::lock_guard<std::mutex> lock(s_lock);
    Socket *s;
    sockaddr_in in;
    int fd = LookupTo(handle, address, addressLen, &s, in);
    if (fd < 0)
    {
        return SOCK_SOCKET_ERROR;
    }

    if (connect(fd, (sockaddr *)&in, sizeof(in)) == 0)
    {
        return 0;
    }

    int err = errno;
    if (err == EINPROGRESS)
    {
        s->connecting = true;
        Wake();
    }

    return FailOn(s, err);
}

int SOCK_send(int handle, const char *buf, int len, int flags)
{
    std::lock_guard<std::mutex> lock(s_lock);
    Socket *s;
    int fd = Lookup(handle, &s);
    if (fd < 0)
    {
        return SOCK_SOCKET_ERROR;
    }

    // MSG_NOSIGNAL: a peer that hung up must give ECONNRESET, not a SIGPIPE that ends the process.
    ssize_t n = send(fd, buf, (size_t)len, (flags & MSG_OOB) | MSG_NOSIGNAL);
    if (n >= 0)
    {
        s->wantWrite = false;
        return (int)n;
    }

    int err = errno;
    if (err == EAGAIN || err == EWOULDBLOCK)
    {
        s->wantWrite = true;
        Wake();
    }

    return FailOn(s, err);
}

int SOCK_recv(int handle, char *buf, int len, int flags)
{
    std::lock_guard<std::mutex> lock(s_lock);
    Socket *s;
    int fd = Lookup(handle, &s);
    if (fd < 0)
    {
        return SOCK_SOCKET_ERROR;
    }

    // SOCKET_READ_PEEK_OPTION (2) and MSG_OOB (1) have the same values as Linux's MSG_PEEK and MSG_OOB.
    ssize_t n = recv(fd, buf, (size_t)len, flags & (MSG_PEEK | MSG_OOB));
    return n >= 0 ? (int)n : FailOn(s, errno);
}

int SOCK_close(int handle)
{
    std::lock_guard<std::mutex> lock(s_lock);
    auto it = s_sockets.find(handle);
    if (it == s_sockets.end())
    {
        return Fail(SOCK_ENOTSOCK);
    }

    int fd = it->second.fd;
    s_sockets.erase(it);
    Wake();
    return close(fd) == 0 ? 0 : FailOn(nullptr, errno);
}

int SOCK_listen(int handle, int backlog)
{
    std::lock_guard<std::mutex> lock(s_lock);
    Socket *s;
    int fd = Lookup(handle, &s);
    if (fd < 0)
    {
        return SOCK_SOCKET_ERROR;
    }

    return listen(fd, backlog) == 0 ? 0 : FailOn(s, errno);
}

int SOCK_accept(int handle, SOCK_sockaddr *address, int *addressLen)
{
    int fd;
    {
        std::lock_guard<std::mutex> lock(s_lock);
        Socket *s;
        int listener = Lookup(handle, &s);
        if (listener < 0)
        {
            return SOCK_SOCKET_ERROR;
        }

        sockaddr_in in;
        socklen_t inLen = sizeof(in);
        fd = accept4(listener, (sockaddr *)&in, &inLen, SOCK_CLOEXEC);
        if (fd < 0)
        {
            return FailOn(s, errno);
        }

        FromHost(in, address, addressLen);
    }

    return Register(fd);
}

int SOCK_shutdown(int handle, int how)
{
    std::lock_guard<std::mutex> lock(s_lock);
    Socket *s;
    int fd = Lookup(handle, &s);
    if (fd < 0)
    {
        return SOCK_SOCKET_ERROR;
    }

    // 0, 1, 2 mean receive, send, both in Winsock and in BSD alike.
    return shutdown(fd, how) == 0 ? 0 : FailOn(s, errno);
}

int SOCK_getaddrinfo(const char *nodename, char *servname, const SOCK_addrinfo *hints, SOCK_addrinfo **res)
{
    (void)hints;
    *res = nullptr;
    if (nodename == nullptr || nodename[0] == 0)
    {
        return Fail(SOCK_HOST_NOT_FOUND);
    }

    // Blocking: every managed thread waits while a name that is not in /etc/hosts is resolved. The
    // virtual boards use addresses and localhost, which resolve at once.
    addrinfo want;
    memset(&want, 0, sizeof(want));
    want.ai_family = AF_INET;
    want.ai_socktype = SOCK_STREAM;
    addrinfo *found = nullptr;
    int rc = getaddrinfo(nodename, servname, &want, &found);
    if (rc != 0)
    {
        return Fail(rc == EAI_AGAIN ? SOCK_TRY_AGAIN : SOCK_HOST_NOT_FOUND);
    }

    SOCK_addrinfo **tail = res;
    for (addrinfo *a = found; a != nullptr; a = a->ai_next)
    {
        if (a->ai_family != AF_INET)
        {
            continue;
        }

        SOCK_addrinfo *item = (SOCK_addrinfo *)calloc(1, sizeof(SOCK_addrinfo));
        SOCK_sockaddr_in *address = (SOCK_sockaddr_in *)calloc(1, sizeof(SOCK_sockaddr_in));
        const sockaddr_in *in = (const sockaddr_in *)a->ai_addr;
        address->sin_family = SOCK_AF_INET;
        address->sin_port = in->sin_port;
        address->sin_addr.S_un.S_addr = in->sin_addr.s_addr;
        item->ai_family = SOCK_AF_INET;
        item->ai_socktype = SOCK_SOCK_STREAM;
        item->ai_protocol = SOCK_IPPROTO_TCP;
        item->ai_addrlen = sizeof(SOCK_sockaddr_in);
        item->ai_addr = (SOCK_sockaddr *)address;
        *tail = item;
        tail = &item->ai_next;
    }

    freeaddrinfo(found);
    return *res == nullptr ? Fail(SOCK_HOST_NOT_FOUND) : 0;
}

void SOCK_freeaddrinfo(SOCK_addrinfo *ai)
{
    while (ai != nullptr)
    {
        SOCK_addrinfo *next = ai->ai_next;
        free(ai->ai_addr);
        free(ai->ai_canonname);
        free(ai);
        ai = next;
    }
}

int SOCK_ioctl(int handle, int cmd, int *data)
{
    std::lock_guard<std::mutex> lock(s_lock);
    Socket *s;
    int fd = Lookup(handle, &s);
    if (fd < 0)
    {
        return SOCK_SOCKET_ERROR;
    }

    if (cmd == (int)SOCK_FIONBIO)
    {
        int flags = fcntl(fd, F_GETFL, 0);
        flags = *data ? (flags | O_NONBLOCK) : (flags & ~O_NONBLOCK);
        return fcntl(fd, F_SETFL, flags) == 0 ? 0 : FailOn(s, errno);
    }

    if (cmd == (int)SOCK_FIONREAD)
    {
        int available = 0;
        if (ioctl(fd, FIONREAD, &available) != 0)
        {
            return FailOn(s, errno);
        }

        *data = available;
        return 0;
    }

    return FailOn(s, EINVAL);
}

int SOCK_getlasterror()
{
    return s_lastError;
}

int SOCK_getsocklasterror(int handle)
{
    std::lock_guard<std::mutex> lock(s_lock);
    auto it = s_sockets.find(handle);
    return it == s_sockets.end() ? SOCK_ENOTSOCK : it->second.error;
}

// Winsock's select over one or more handles, served with poll() and a zero or finite timeout. Winsock
// reports a failed connect in the except set (Linux says writable and POLLERR); a readable end of stream
// is readable. A handle that was closed, or a descriptor poll() calls invalid (POLLNVAL), fails the
// whole call with ENOTSOCK, so a call re-entered after Close ends at once instead of waiting.
int SOCK_select(int nfds, SOCK_fd_set *readfds, SOCK_fd_set *writefds, SOCK_fd_set *exceptfds, const SOCK_timeval *timeout)
{
    (void)nfds;
    std::lock_guard<std::mutex> lock(s_lock);

    struct Entry
    {
        int handle;
        Socket *socket;
    };

    std::vector<Entry> entries;
    std::vector<pollfd> fds;
    SOCK_fd_set *sets[3] = {readfds, writefds, exceptfds};
    for (SOCK_fd_set *set : sets)
    {
        if (set == nullptr)
        {
            continue;
        }

        for (unsigned int i = 0; i < set->fd_count; i++)
        {
            int handle = set->fd_array[i];
            bool seen = false;
            for (auto &e : entries)
            {
                seen = seen || e.handle == handle;
            }

            if (seen)
            {
                continue;
            }

            auto it = s_sockets.find(handle);
            if (it == s_sockets.end())
            {
                return Fail(SOCK_ENOTSOCK);
            }

            entries.push_back({handle, &it->second});
            fds.push_back({it->second.fd, (short)(POLLIN | POLLOUT), 0});
        }
    }

    int waitMs = timeout == nullptr ? -1 : (int)(timeout->tv_sec * 1000 + timeout->tv_usec / 1000);
    if (poll(fds.data(), fds.size(), waitMs) < 0)
    {
        return FailOn(nullptr, errno);
    }

    SOCK_fd_set ready[3];
    for (auto &set : ready)
    {
        set.fd_count = 0;
    }

    int count = 0;
    int lastError = 0;
    for (size_t i = 0; i < entries.size(); i++)
    {
        short revents = fds[i].revents;
        Socket *s = entries[i].socket;
        if (revents & POLLNVAL)
        {
            return Fail(SOCK_ENOTSOCK);
        }

        bool readable = (revents & (POLLIN | POLLHUP)) != 0;
        bool writable = (revents & POLLOUT) != 0;
        bool failed = false;
        if ((revents & POLLERR) || (s->connecting && (writable || (revents & POLLHUP))))
        {
            int soError = 0;
            socklen_t len = sizeof(soError);
            getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &soError, &len);
            if (soError != 0)
            {
                failed = true;
                s->error = ToWinsock(soError);
                lastError = s->error;
            }

            if (s->connecting && (failed || writable))
            {
                s->connecting = false;
            }
        }

        if (s->connecting)
        {
            writable = false;
            readable = false;
        }

        if (failed)
        {
            writable = false;
        }

        if (writable)
        {
            s->wantWrite = false;
        }

        bool flags[3] = {readable, writable, failed};
        for (int k = 0; k < 3; k++)
        {
            if (sets[k] == nullptr || !flags[k])
            {
                continue;
            }

            for (unsigned int j = 0; j < sets[k]->fd_count; j++)
            {
                if (sets[k]->fd_array[j] == entries[i].handle)
                {
                    ready[k].fd_array[ready[k].fd_count++] = entries[i].handle;
                    count++;
                }
            }
        }
    }

    for (int k = 0; k < 3; k++)
    {
        if (sets[k] != nullptr)
        {
            sets[k]->fd_count = ready[k].fd_count;
            memcpy(sets[k]->fd_array, ready[k].fd_array, ready[k].fd_count * sizeof(int));
        }
    }

    if (lastError != 0)
    {
        s_lastError = lastError;
    }

    return count;
}

int SOCK_setsockopt(int handle, int level, int optname, const char *optval, int optlen)
{
    std::lock_guard<std::mutex> lock(s_lock);
    Socket *s;
    int fd = Lookup(handle, &s);
    if (fd < 0)
    {
        return SOCK_SOCKET_ERROR;
    }

    if (level == SOCK_SOL_SOCKET && (optname == SOCK_SOCKO_SENDTIMEOUT || optname == SOCK_SOCKO_RECEIVETIMEOUT))
    {
        // Every socket is non-blocking and System.Net applies its timeouts itself.
        return 0;
    }

    if (level == SOCK_SOL_SOCKET && (optname == SOCK_SOCKO_LINGER || optname == (int)SOCK_SOCKO_DONTLINGER))
    {
        linger l;
        l.l_onoff = optname == SOCK_SOCKO_LINGER ? 1 : 0;
        l.l_linger = optlen >= (int)sizeof(int) ? *(const int *)optval : 0;
        return setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l)) == 0 ? 0 : FailOn(s, errno);
    }

    int hostLevel, hostName;
    if (!ToHostOption(level, optname, hostLevel, hostName))
    {
        return FailOn(s, ENOPROTOOPT);
    }

    return setsockopt(fd, hostLevel, hostName, optval, (socklen_t)optlen) == 0 ? 0 : FailOn(s, errno);
}

int SOCK_getsockopt(int handle, int level, int optname, char *optval, int *optlen)
{
    std::lock_guard<std::mutex> lock(s_lock);
    Socket *s;
    int fd = Lookup(handle, &s);
    if (fd < 0)
    {
        return SOCK_SOCKET_ERROR;
    }

    int hostLevel, hostName;
    if (!ToHostOption(level, optname, hostLevel, hostName))
    {
        return FailOn(s, ENOPROTOOPT);
    }

    socklen_t len = (socklen_t)*optlen;
    if (getsockopt(fd, hostLevel, hostName, optval, &len) != 0)
    {
        return FailOn(s, errno);
    }

    if (hostLevel == SOL_SOCKET && hostName == SO_ERROR && len >= sizeof(int))
    {
        *(int *)optval = ToWinsock(*(int *)optval);
    }

    *optlen = (int)len;
    return 0;
}

// getpeername and getsockname differ only in the call that fills the address.
static int SocketAddress(int handle, int (*query)(int, sockaddr *, socklen_t *), SOCK_sockaddr *name, int *namelen)
{
    std::lock_guard<std::mutex> lock(s_lock);
    Socket *s;
    int fd = Lookup(handle, &s);
    if (fd < 0)
    {
        return SOCK_SOCKET_ERROR;
    }

    sockaddr_in in;
    socklen_t len = sizeof(in);
    if (query(fd, (sockaddr *)&in, &len) != 0)
    {
        return FailOn(s, errno);
    }

    FromHost(in, name, namelen);
    return 0;
}

int SOCK_getpeername(int handle, SOCK_sockaddr *name, int *namelen)
{
    return SocketAddress(handle, getpeername, name, namelen);
}

int SOCK_getsockname(int handle, SOCK_sockaddr *name, int *namelen)
{
    return SocketAddress(handle, getsockname, name, namelen);
}

int SOCK_recvfrom(int handle, char *buf, int len, int flags, SOCK_sockaddr *from, int *fromlen)
{
    std::lock_guard<std::mutex> lock(s_lock);
    Socket *s;
    int fd = Lookup(handle, &s);
    if (fd < 0)
    {
        return SOCK_SOCKET_ERROR;
    }

    sockaddr_in in;
    socklen_t inLen = sizeof(in);
    ssize_t n = recvfrom(fd, buf, (size_t)len, flags & (MSG_PEEK | MSG_OOB), (sockaddr *)&in, &inLen);
    if (n < 0)
    {
        return FailOn(s, errno);
    }

    FromHost(in, from, fromlen);
    return (int)n;
}

int SOCK_sendto(int handle, const char *buf, int len, int flags, const SOCK_sockaddr *to, int tolen)
{
    std::lock_guard<std::mutex> lock(s_lock);
    Socket *s;
    sockaddr_in in;
    int fd = LookupTo(handle, to, tolen, &s, in);
    if (fd < 0)
    {
        return SOCK_SOCKET_ERROR;
    }

    ssize_t n = sendto(fd, buf, (size_t)len, (flags & MSG_OOB) | MSG_NOSIGNAL, (sockaddr *)&in, sizeof(in));
    return n >= 0 ? (int)n : FailOn(s, errno);
}

int SOCK_UpgradeToSsl(int handle)
{
    (void)handle;
    return Fail(SOCK_EOPNOTSUPP); // no TLS in this build
}

const char *SOCK_IPV4AddressToString(uint32_t address)
{
    // The address is in network order, as System.Net's IPAddress keeps it.
    static char text[INET_ADDRSTRLEN];
    in_addr in;
    in.s_addr = address;
    inet_ntop(AF_INET, &in, text, sizeof(text));
    return text;
}

HRESULT SOCK_IPV4AddressFromString(const char *ipString, uint64_t *address)
{
    in_addr in;
    if (ipString == nullptr || inet_pton(AF_INET, ipString, &in) != 1)
    {
        return CLR_E_INVALID_PARAMETER;
    }

    *address = in.s_addr;
    return S_OK;
}

// Sockets created and not yet closed, for NanoMqtt.NanoClrHost's leak count (nanoCLR_host_native.cpp).
int PosixSockets_OpenCount()
{
    std::lock_guard<std::mutex> lock(s_lock);
    return (int)s_sockets.size();
}

bool Network_Initialize()
{
    return true;
}

bool Network_Uninitialize()
{
    return true;
}

void SOCKETS_CloseConnections()
{
    std::lock_guard<std::mutex> lock(s_lock);
    for (auto &entry : s_sockets)
    {
        close(entry.second.fd);
    }

    s_sockets.clear();
    Wake();
}

void Network_PostEvent(unsigned int eventType, unsigned int flags, unsigned int index)
{
    PostManagedEvent(EVENT_NETWORK, eventType, flags, index);
}

// ---------------------------------------------------------------------------------------------------
// System.Net.NetworkInformation.NetworkInterface: one interface, always up, at the loopback address.
// ---------------------------------------------------------------------------------------------------

typedef Library_sys_net_native_System_Net_NetworkInformation_NetworkInterface NetworkInterfaceNative;

static const uint32_t c_HostAddress = 0x0100007F; // 127.0.0.1 in network order
static const uint32_t c_HostNetMask = 0x000000FF; // 255.0.0.0 in network order

HRESULT NetworkInterfaceNative::InitializeNetworkInterfaceSettings___VOID(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();

    CLR_RT_HeapBlock *config = stack.Arg0().Dereference();
    FAULT_ON_NULL(config);
    config[FIELD___ipv4Address].SetInteger(c_HostAddress);

    NANOCLR_NOCLEANUP();
}

// NetworkInterface's UpdateOperation flags (System.Net, NetworkInterface.cs).
static const int c_UpdateDhcp = 0x02;
static const int c_UpdateDhcpRenew = 0x04;

// The host's configuration is not the runtime's to change. But a program that asks for an address (EnableDhcp,
// RenewDhcpLease, EnableStaticIPv4) gets "network available", as a device does once DHCP has given it one.
// This is the start-up event: raised when nanoCLR starts, it would be lost, because nanoCLR runs every static
// constructor (EventSink's among them) before Main, and NetworkChange keeps no event for a handler added later.
HRESULT NetworkInterfaceNative::UpdateConfiguration___VOID__I4(CLR_RT_StackFrame &stack)
{
    int operations = stack.Arg1().NumericByRef().s4;
    if ((operations & (c_UpdateDhcp | c_UpdateDhcpRenew)) != 0)
    {
        Network_PostEvent(
            NetworkChange_NetworkEventType_AvailabilityChanged,
            NetworkChange_NetworkEvents_NetworkAvailable,
            0);
    }

    return S_OK;
}

HRESULT NetworkInterfaceNative::GetIsNetworkAvailable___STATIC__BOOLEAN(CLR_RT_StackFrame &stack)
{
    stack.SetResult_Boolean(true);
    return S_OK;
}

HRESULT NetworkInterfaceNative::GetNetworkInterfaceCount___STATIC__I4(CLR_RT_StackFrame &stack)
{
    stack.SetResult_I4(1);
    return S_OK;
}

HRESULT NetworkInterfaceNative::GetNetworkInterface___STATIC__SystemNetNetworkInformationNetworkInterface__U4(
    CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();

    CLR_UINT32 index = stack.Arg0().NumericByRef().u4;
    CLR_RT_HeapBlock &top = stack.PushValueAndClear();
    CLR_RT_HeapBlock *config;
    static const uint8_t mac[NETIF_MAX_HWADDR_LEN] = {0x02, 0x00, 0x00, 0x00, 0x00, 0x01};

    if (index != 0)
    {
        NANOCLR_SET_AND_LEAVE(CLR_E_INDEX_OUT_OF_RANGE);
    }

    NANOCLR_CHECK_HRESULT(g_CLR_RT_ExecutionEngine.NewObjectFromIndex(top, g_CLR_RT_WellKnownTypes.m_NetworkInterface));
    config = top.Dereference();
    FAULT_ON_NULL(config);

    config[FIELD___ipv4Address].SetInteger(c_HostAddress);
    config[FIELD___ipv4GatewayAddress].SetInteger(c_HostAddress);
    config[FIELD___ipv4NetMask].SetInteger(c_HostNetMask);
    config[FIELD___ipv4dnsAddress1].SetInteger(c_HostAddress);
    config[FIELD___ipv4dnsAddress2].SetInteger((CLR_UINT32)0);
    config[FIELD___automaticDns].SetInteger((CLR_UINT32)1);
    config[FIELD___networkInterfaceType].SetInteger((CLR_UINT32)6); // Ethernet
    config[FIELD___specificConfigId].SetInteger((CLR_UINT32)0);
    config[FIELD___startupAddressMode].SetInteger((CLR_UINT32)1); // DHCP
    config[FIELD___interfaceIndex].SetInteger((CLR_UINT32)0);

    NANOCLR_CHECK_HRESULT(CLR_RT_HeapBlock_Array::CreateInstance(
        config[FIELD___macAddress],
        NETIF_MAX_HWADDR_LEN,
        g_CLR_RT_WellKnownTypes.m_UInt8));
    memcpy(config[FIELD___macAddress].DereferenceArray()->GetFirstElement(), mac, NETIF_MAX_HWADDR_LEN);

    NANOCLR_NOCLEANUP();
}

HRESULT NetworkInterfaceNative::IPV4AddressFromString___STATIC__I8__STRING(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();

    uint64_t address;
    NANOCLR_CHECK_HRESULT(SOCK_IPV4AddressFromString(stack.Arg0().RecoverString(), &address));
    stack.PushValue().SetInteger((CLR_UINT64)address);

    NANOCLR_NOCLEANUP();
}

HRESULT NetworkInterfaceNative::IPV6AddressFromString___STATIC__SZARRAY_U2__STRING(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();

    NANOCLR_SET_AND_LEAVE(stack.NotImplementedStub()); // IPv4 only

    NANOCLR_NOCLEANUP();
}
