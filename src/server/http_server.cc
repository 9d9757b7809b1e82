#include "server/http_server.h"

// GCC 12 with -fsanitize=address reports -Wmaybe-uninitialized inside
// Beast's parser (a boost::optional it returns empty); a false positive in
// the library's code, silenced for its headers only.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#include <sys/resource.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <memory>
#include <optional>
#include <thread>
#include <unordered_set>
#include <vector>

#include "common/client_text.h"
#include "server/connection_limits.h"
#include "server/http_message.h"
#include "server/request_parser.h"
#include "server/service.h"

namespace zicht::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
// Sockets bound to the concrete io_context executor rather than the
// type-erased any_io_executor: every async operation copies and destroys
// its executor, and the type-erased one did that through indirect calls
// (about 4% of the CPU of a check).
using Socket = asio::basic_stream_socket<tcp, asio::io_context::executor_type>;
using Clock = std::chrono::steady_clock;

// How often a loop looks for connections past their deadline. Timeouts are
// whole seconds, so a quarter second late is fine; a timer per read and per
// write (beast::basic_stream) cost a timer-queue insert and cancel, each
// under the reactor's mutex, on every request.
constexpr auto kSweepPeriod = std::chrono::milliseconds(250);
// How long accepting pauses when the process is out of file descriptors.
constexpr auto kAcceptBackoff = std::chrono::milliseconds(100);

namespace {

// Request headers larger than this are refused (431 is not worth a special
// case: the connection is closed). Real clients send well under 2 KiB.
constexpr uint32_t kHeaderLimit = 16 * 1024;

// Appends the HTTP/1.1 status line and header block of `out` (Content-Length
// `length`) to `head`. Written by hand rather than through Beast's
// serializer: the same bytes without a field list to build per response.
void RenderHead(const HttpResponse& out, size_t length, bool keep_alive, std::string& head) {
  char digits[24];
  head.append("HTTP/1.1 ");
  auto status = std::to_chars(digits, digits + sizeof digits, out.status).ptr;
  head.append(digits, status);
  head.push_back(' ');
  beast::string_view reason = http::obsolete_reason(static_cast<http::status>(out.status));
  head.append(reason.data(), reason.size());
  head.append("\r\nServer: zicht\r\nContent-Type: ");
  head.append(out.content_type);
  if (!out.allow.empty()) head.append("\r\nAllow: ").append(out.allow);
  if (!out.content_disposition.empty()) head.append("\r\nContent-Disposition: ").append(out.content_disposition);
  if (out.retry_after) head.append("\r\nRetry-After: ").append(std::to_string(*out.retry_after));
  if (!out.content_encoding.empty()) head.append("\r\nContent-Encoding: ").append(out.content_encoding);
  if (out.vary_accept_encoding) head.append("\r\nVary: Accept-Encoding");
  if (!out.cache_control.empty()) head.append("\r\nCache-Control: ").append(out.cache_control);
  if (!out.etag.empty()) head.append("\r\nETag: ").append(out.etag);
  if (!keep_alive) head.append("\r\nConnection: close");
  head.append("\r\nContent-Length: ");
  auto end = std::to_chars(digits, digits + sizeof digits, length).ptr;
  head.append(digits, end);
  head.append("\r\n\r\n");
}

class Session;

AddressKey ToAddressKey(const asio::ip::address& a) {
  AddressKey key{};
  const auto bytes = a.is_v4() ? asio::ip::make_address_v6(asio::ip::v4_mapped, a.to_v4()).to_bytes()
                               : a.to_v6().to_bytes();
  std::copy(bytes.begin(), bytes.end(), key.begin());
  return key;
}

// One event loop and the sessions it owns; everything in it is touched only
// by its own thread.
struct Loop {
  // Declared first so it outlives `ioc`: destroying the context destroys
  // pending handlers, whose sessions unregister themselves here.
  std::unordered_set<Session*> sessions;  // only touched on this loop's thread
  asio::io_context ioc{1};
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> guard;
  asio::steady_timer sweep{ioc};  // see kSweepPeriod
};

struct Shared {
  Shared(Service& s, const ServerOptions& o, int max_connections)
      : service(s), options(o), limits(max_connections, o.max_connections_per_address) {}
  Service& service;
  const ServerOptions& options;
  std::atomic<bool> stopping{false};
  ConnectionLimits limits;
  // Report intake runs here, off the event loops: an ingest of a 10 MiB
  // body takes a second, and the checks of the other connections on that
  // loop must not wait for it. One thread: ingests are serialised anyway.
  asio::thread_pool* blocking = nullptr;
};

// Requests that may take long (they write to the database).
bool IsBlocking(const HttpRequest& req) {
  return req.method == Method::kPost && (req.target.starts_with("/v1/reports") ||
                                         req.target.starts_with("/form/report"));
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  // REQUIRES: the connection was counted by shared.limits.TryAcquire(address).
  Session(Socket socket, const AddressKey& address, Shared& shared, Loop& loop)
      : socket_(std::move(socket)), address_(address), shared_(shared), loop_(loop) {
    beast::error_code ec;
    auto remote = socket_.remote_endpoint(ec);
    if (!ec) client_ip_ = remote.address().to_string();
    socket_.set_option(tcp::no_delay(true), ec);
  }

  ~Session() {
    loop_.sessions.erase(this);
    shared_.limits.Release(address_);
    shared_.service.open_connections().fetch_sub(1, std::memory_order_relaxed);
  }

  void Start() {
    loop_.sessions.insert(this);
    beast::error_code ec;
    socket_.non_blocking(true, ec);  // for the direct write in WriteResponse
    if (ec) return Close();
    DoRead();
  }

  // On shutdown: a connection waiting for its next request is closed now;
  // one in the middle of a request is left to finish.
  void StopIfIdle() {
    if (!busy_ && (!parser_ || !parser_->got_some())) {
      beast::error_code ec;
      socket_.shutdown(tcp::socket::shutdown_both, ec);
      socket_.close(ec);
    }
  }

  // Called by the loop's sweep: a read or write that has not completed by
  // its deadline (an idle keep-alive connection, a slow client) is cut off;
  // closing the socket fails the pending operation, which ends the session.
  void CloseIfPastDeadline(Clock::time_point now) {
    if (now < deadline_) return;
    deadline_ = Clock::time_point::max();
    beast::error_code ec;
    socket_.shutdown(tcp::socket::shutdown_both, ec);
    socket_.close(ec);
  }

 private:
  void DoRead() {
    if (shared_.stopping.load(std::memory_order_acquire)) return Close();
    parser_.emplace(request_, shared_.options.max_body);  // sets the route's body limit
    parser_->header_limit(kHeaderLimit);
    parser_->eager(true);  // header and body in one put() when both are in
    // Deadlines are per phase, never per read, so a client that trickles a
    // byte now and then is still cut off (slowloris): an idle keep-alive
    // connection gets idle_timeout for its next request to begin, the
    // header block must be complete header_timeout after its first byte,
    // and the body gets idle_timeout after the header.
    phase_ = Phase::kIdle;
    deadline_ = Clock::now() + std::chrono::seconds(shared_.options.idle_timeout_seconds);
    ReadRequest();
  }

  // Parses what is buffered and reads more until a whole request is in (or
  // an error). Written out rather than http::async_read: Beast's composed
  // read wraps every read in two layers of operations and posts its
  // completion through the queue; here a request that is already buffered
  // (pipelining) is handled at once, and each read is one async_read_some.
  void ReadRequest() {
    for (;;) {
      if (buffer_.size() != 0) {
        beast::error_code ec;
        if (phase_ == Phase::kIdle) {
          phase_ = Phase::kHeader;
          deadline_ = Clock::now() + std::chrono::seconds(shared_.options.header_timeout_seconds);
        }
        size_t used = parser_->put(buffer_.data(), ec);
        buffer_.consume(used);
        if (phase_ == Phase::kHeader && parser_->is_header_done()) {
          phase_ = Phase::kBody;
          deadline_ = Clock::now() + std::chrono::seconds(shared_.options.idle_timeout_seconds);
        }
        if (ec && ec != http::error::need_more) return OnRead(ec);
        if (parser_->is_done()) return OnRead({});
        if (!ec && used != 0) continue;  // part of the body: parse the rest
      }
      const size_t size = beast::read_size(buffer_, 65536);
      if (size == 0) return OnRead(http::error::buffer_overflow);
      inline_requests_ = 0;
      socket_.async_read_some(buffer_.prepare(size), [self = shared_from_this()](beast::error_code ec, size_t n) {
        self->OnReadSome(ec, n);
      });
      return;
    }
  }

  void OnReadSome(beast::error_code ec, size_t bytes) {
    buffer_.commit(bytes);
    if (ec == asio::error::eof) {
      // A request cut off by the close is malformed; a close between
      // requests is the normal end of a keep-alive connection.
      if (!parser_->got_some()) return OnRead(http::error::end_of_stream);
      ec = {};
      parser_->put_eof(ec);
      if (!ec && parser_->is_done()) return OnRead({});
      return OnRead(ec ? ec : beast::error_code(http::error::partial_message));
    }
    if (ec) return OnRead(ec);
    ReadRequest();
  }

  void OnRead(beast::error_code ec) {
    deadline_ = Clock::time_point::max();  // no deadline while the request is handled
    if (!request_.refused.empty()) return WriteErrorAndClose(400, "invalid_argument", request_.refused);
    if (ec == http::error::body_limit) {
      const size_t limit = RequestBodyLimit(request_.method, request_.target, shared_.options.max_body);
      return WriteErrorAndClose(413, "too_large",
                                "request body over the limit of " + std::to_string(limit) + " bytes for " +
                                    SanitizeText(request_.target.substr(0, request_.target.find('?')), 100));
    }
    if (ec == http::error::header_limit) {
      return WriteErrorAndClose(431, "too_large", "request headers too large");
    }
    if (ec == http::error::bad_method || ec == http::error::bad_target || ec == http::error::bad_version ||
        ec == http::error::bad_field || ec == http::error::bad_value || ec == http::error::bad_content_length ||
        ec == http::error::bad_transfer_encoding || ec == http::error::bad_chunk ||
        ec == http::error::bad_line_ending) {
      return WriteErrorAndClose(400, "invalid_argument", "malformed HTTP request");
    }
    if (ec) return Close();  // end_of_stream, timeout, reset: nothing to answer
    busy_ = true;
    HttpRequest in;
    in.method = request_.method;
    in.target = request_.target;
    in.authorization = request_.authorization;
    in.purpose = request_.purpose;
    in.accept_encoding = request_.accept_encoding;
    in.if_none_match = request_.if_none_match;
    in.idempotency_key = request_.idempotency_key;
    in.content_type = request_.content_type;
    in.body = request_.body;
    in.client_ip = client_ip_;
    in.auth_cache = &auth_cache_;
    if (IsBlocking(in) && shared_.blocking != nullptr) {
      // The loop is kept alive (work guard) until the answer is written, so
      // a stop during the ingest still sends it.
      asio::post(*shared_.blocking, [self = shared_from_this(), in,
                                     work = asio::make_work_guard(loop_.ioc)]() mutable {
        self->shared_.service.Handle(in, self->out_);
        asio::post(self->loop_.ioc, [self, head = in.method == Method::kHead] { self->AfterHandle(head); });
      });
      return;
    }
    shared_.service.Handle(in, out_);
    AfterHandle(in.method == Method::kHead);
  }

  // With --durability full, the answer waits until the request's audit
  // entry is committed (AuditLog::WhenDurable); the loop is kept alive
  // (work guard) until then, so a stop in between still sends it.
  void AfterHandle(bool head) {
    if (out_.barrier_ticket != 0) {
      // The same wait for the barrier state of a request's events
      // (BarrierStateWriter::WhenDurable); such a request has no audit entry.
      shared_.service.WhenBarrierStateDurable(out_.barrier_ticket, [self = shared_from_this(), head,
                                                                    work = asio::make_work_guard(loop_.ioc)] {
        asio::post(self->loop_.ioc, [self, head] { self->FinishRequest(head); });
      });
      return;
    }
    if (out_.audit_ticket == 0 || shared_.options.durability != store::Durability::kFull) return FinishRequest(head);
    shared_.service.WhenAudited(out_.audit_ticket, [self = shared_from_this(), head,
                                                    work = asio::make_work_guard(loop_.ioc)] {
      asio::post(self->loop_.ioc, [self, head] { self->FinishRequest(head); });
    });
  }

  void FinishRequest(bool head) {
    bool keep_alive = parser_->keep_alive() && !shared_.stopping.load(std::memory_order_acquire);
    WriteResponse(head, keep_alive);
  }

  void WriteErrorAndClose(int status, std::string_view code, std::string_view message) {
    busy_ = true;
    out_.Reset();
    out_.status = status;
    out_.body = "{\"error\":{\"code\":\"";
    out_.body += code;
    out_.body += "\",\"message\":\"";
    out_.body += message;  // fixed text from this file: no escaping needed
    out_.body += "\"}}";
    WriteResponse(false, false);
  }

  // The response is first written straight away: a few hundred bytes
  // nearly always fit the socket buffer, and then the connection goes on to
  // its next request without a round through the event queue. Only what
  // did not fit is left to async_write.
  void WriteResponse(bool head, bool keep_alive) {
    head_.clear();
    RenderHead(out_, out_.body.size(), keep_alive, head_);
    std::array<asio::const_buffer, 2> buffers{asio::buffer(head_),
                                              head ? asio::const_buffer() : asio::buffer(out_.body)};
    const size_t total = asio::buffer_size(buffers);
    beast::error_code ec;
    size_t written = socket_.write_some(buffers, ec);  // non-blocking (Start)
    if (ec == asio::error::would_block || ec == asio::error::try_again) {
      ec = {};
      written = 0;
    }
    if (ec) return OnWrite(ec, keep_alive);
    if (written == total) {
      // A client that pipelines many requests would otherwise recurse here
      // once per request: every 16th goes through the queue.
      if (++inline_requests_ < 16) return OnWrite({}, keep_alive);
      inline_requests_ = 0;
      asio::post(loop_.ioc, [self = shared_from_this(), keep_alive] { self->OnWrite({}, keep_alive); });
      return;
    }
    if (written < buffers[0].size()) {
      buffers[0] += written;
    } else {
      buffers[1] += written - buffers[0].size();
      buffers[0] = asio::const_buffer();
    }
    deadline_ = Clock::now() + std::chrono::seconds(shared_.options.idle_timeout_seconds);
    asio::async_write(socket_, buffers, [self = shared_from_this(), keep_alive](beast::error_code ec, size_t) {
      self->OnWrite(ec, keep_alive);
    });
  }

  void OnWrite(beast::error_code ec, bool keep_alive) {
    deadline_ = Clock::time_point::max();
    busy_ = false;
    if (ec || !keep_alive) return Close();
    DoRead();
  }

  void Close() {
    beast::error_code ec;
    deadline_ = Clock::time_point::max();
    socket_.shutdown(tcp::socket::shutdown_send, ec);
    socket_.close(ec);
  }

  // What the connection is waiting for; each phase has its own deadline.
  enum class Phase { kIdle, kHeader, kBody };

  Socket socket_;
  const AddressKey address_;
  Phase phase_ = Phase::kIdle;
  Clock::time_point deadline_ = Clock::time_point::max();  // of the read or write in progress
  Shared& shared_;
  Loop& loop_;
  beast::flat_buffer buffer_;
  RequestData request_;                  // filled by parser_
  std::optional<RequestParser> parser_;  // a fresh one per request (Beast parsers are single-use)
  std::string head_;                     // status line and headers of the response being written
  HttpResponse out_;                     // its body is written straight from here
  AuthCache auth_cache_;
  std::string client_ip_;
  bool busy_ = false;  // between a complete request and its response written
  int inline_requests_ = 0;  // answered in a row without an asynchronous wait
};

}  // namespace

struct HttpServer::Impl {
  Impl(Service& service, const ServerOptions& options, size_t threads, int max_connections)
      : shared(service, options, max_connections), loops(threads) {
    for (auto& l : loops) {
      l = std::make_unique<Loop>();
      l->guard.emplace(l->ioc.get_executor());
    }
    accept_backoff.emplace(loops[0]->ioc);
    shared.blocking = &blocking;
  }

  Shared shared;
  std::vector<std::unique_ptr<Loop>> loops;
  // After `loops`, so it is torn down first: its pending work holds sessions
  // that unregister from their loop.
  asio::thread_pool blocking{1};
  std::optional<tcp::acceptor> acceptor;
  std::optional<asio::steady_timer> accept_backoff;  // on loop 0, with the acceptor
  Clock::time_point last_backoff_note{};
  std::optional<asio::signal_set> signals;
  size_t next_loop = 0;

  void Accept() {
    Loop& target = *loops[next_loop];
    next_loop = (next_loop + 1) % loops.size();
    acceptor->async_accept(target.ioc, [this, &target](beast::error_code ec, Socket socket) {
      if (ec) {
        if (!acceptor->is_open()) return;  // closed for shutdown
        if (IsResourceExhaustion(ec)) return BackOff(ec);
      } else {
        AddressKey address{};
        beast::error_code ignored;
        auto remote = socket.remote_endpoint(ignored);
        if (!ignored) address = ToAddressKey(remote.address());
        if (ignored || !shared.limits.TryAcquire(address)) {
          // Over a cap: refuse this one, keep serving the others.
          socket.close(ignored);
          shared.service.CountRefusedConnection();
        } else {
          shared.service.open_connections().fetch_add(1, std::memory_order_relaxed);
          // The socket belongs to `target`'s loop; start the session there.
          asio::post(target.ioc, [this, &target, address, s = std::move(socket)]() mutable {
            std::make_shared<Session>(std::move(s), address, shared, target)->Start();
          });
        }
      }
      if (acceptor->is_open()) Accept();
    });
  }

  // accept() failing for want of file descriptors or memory (EMFILE under a
  // low `ulimit -n`) fails again at once while the cause lasts: retrying
  // straight away spun (23,022 calls in 4 s) and starved the loop that
  // should close connections. Wait kAcceptBackoff, then try again; say so on
  // stderr at most once a minute.
  static bool IsResourceExhaustion(const beast::error_code& ec) {
    return ec == asio::error::no_descriptors || ec.value() == ENFILE || ec == asio::error::no_buffer_space ||
           ec == asio::error::no_memory;
  }
  void BackOff(const beast::error_code& ec) {
    const Clock::time_point now = Clock::now();
    if (now - last_backoff_note >= std::chrono::minutes(1)) {
      last_backoff_note = now;
      std::fprintf(stderr, "zicht serve: accept: %s; pausing new connections for %d ms (raise `ulimit -n`?)\n",
                   ec.message().c_str(), static_cast<int>(kAcceptBackoff.count()));
    }
    accept_backoff->expires_after(kAcceptBackoff);
    accept_backoff->async_wait([this](beast::error_code wait_ec) {
      if (!wait_ec && acceptor->is_open()) Accept();
    });
  }

  // Every kSweepPeriod, on the loop's own thread: cut off connections past
  // their deadline. Stops once the server is stopping and the loop has no
  // connection left, so that the loop can end.
  void Sweep(Loop* loop) {
    loop->sweep.expires_after(kSweepPeriod);
    loop->sweep.async_wait([this, loop](beast::error_code ec) {
      if (ec) return;
      const Clock::time_point now = Clock::now();
      std::vector<Session*> all(loop->sessions.begin(), loop->sessions.end());
      for (Session* s : all) s->CloseIfPastDeadline(now);
      if (shared.stopping.load(std::memory_order_acquire) && loop->sessions.empty()) return;
      Sweep(loop);
    });
  }

  void WaitForSignal() {
    signals->async_wait([this](beast::error_code ec, int signo) {
      if (ec) return;
      if (signo == SIGHUP) {
        Status s = shared.service.ReloadKeys();
        std::fprintf(stderr, "zicht serve: SIGHUP: %s\n",
                     s.ok() ? "keys file reloaded" : ("keys file not reloaded: " + s.message()).c_str());
        Status sig = shared.service.ReloadSignals();
        std::fprintf(stderr, "zicht serve: SIGHUP: %s\n",
                     sig.ok() ? "screening signals reloaded" : ("screening signals not reloaded: " + sig.message()).c_str());
        return WaitForSignal();
      }
      std::fprintf(stderr, "zicht serve: stopping: finishing requests in flight\n");
      Stop();
    });
  }

  void Stop() {
    shared.stopping.store(true, std::memory_order_release);
    beast::error_code ec;
    acceptor->close(ec);
    accept_backoff->cancel();
    for (auto& l : loops) {
      Loop* loop = l.get();
      asio::post(loop->ioc, [loop] {
        std::vector<Session*> idle(loop->sessions.begin(), loop->sessions.end());
        for (Session* s : idle) s->StopIfIdle();
        loop->guard.reset();
      });
    }
    // Further signals are ignored from here on; the loops end when the last
    // connection closes.
    signals->cancel(ec);
  }
};

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpServer::~HttpServer() = default;

namespace {

// File descriptors kept for everything but client sockets: the databases
// (each SQLite connection holds the file, its WAL and shm), the keys file,
// static files being read, the epoll and signal descriptors.
constexpr int kReservedDescriptors = 64;

// Raises the soft limit on open files to the hard limit (Debian's default
// soft limit, 1,024, is what a server's --max-connections ran into), and
// returns how many client connections fit under it: `wanted`, or fewer when
// the limit is lower (said on stderr).
int MaxConnectionsWithinFileLimit(int wanted) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return wanted;
  if (limit.rlim_cur < limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  if (limit.rlim_cur == RLIM_INFINITY) return wanted;
  const long fit = static_cast<long>(limit.rlim_cur) - kReservedDescriptors;
  if (fit >= wanted) return wanted;
  const int capped = static_cast<int>(std::max(1L, fit));
  std::fprintf(stderr, "zicht serve: the open-file limit (%ld) allows %d connections, not --max-connections %d\n",
               static_cast<long>(limit.rlim_cur), capped, wanted);
  return capped;
}

}  // namespace

Result<std::unique_ptr<HttpServer>> HttpServer::Bind(Service& service, const ServerOptions& options) {
  std::string host = options.listen;
  std::string port = "8080";
  size_t colon = options.listen.rfind(':');
  if (colon != std::string::npos) {
    host = options.listen.substr(0, colon);
    port = options.listen.substr(colon + 1);
  }
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.empty()) host = "0.0.0.0";
  if (host == "localhost") host = "127.0.0.1";
  beast::error_code ec;
  auto address = asio::ip::make_address(host, ec);
  if (ec) return Status::InvalidArgument("--listen '" + options.listen + "': '" + host + "' is not an IP address");
  unsigned long port_number = 0;
  try {
    size_t used = 0;
    port_number = std::stoul(port, &used);
    if (used != port.size() || port_number > 65535) throw std::out_of_range("port");
  } catch (const std::exception&) {
    return Status::InvalidArgument("--listen '" + options.listen + "': port must be 0-65535");
  }
  size_t threads = options.threads > 0 ? static_cast<size_t>(options.threads)
                                       : std::max(1u, std::thread::hardware_concurrency());
  auto impl = std::make_unique<Impl>(service, options, threads, MaxConnectionsWithinFileLimit(options.max_connections));
  tcp::endpoint endpoint(address, static_cast<unsigned short>(port_number));
  impl->acceptor.emplace(impl->loops[0]->ioc);
  impl->acceptor->open(endpoint.protocol(), ec);
  if (!ec) impl->acceptor->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl->acceptor->bind(endpoint, ec);
  if (!ec) impl->acceptor->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return Status::IOError("cannot listen on " + options.listen + ": " + ec.message());
  impl->signals.emplace(impl->loops[0]->ioc, SIGINT, SIGTERM, SIGHUP);
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

std::string HttpServer::bound_address() const {
  beast::error_code ec;
  tcp::endpoint ep = impl_->acceptor->local_endpoint(ec);
  std::string host = ep.address().to_string();
  if (ep.address().is_v6()) host = "[" + host + "]";
  return host + ":" + std::to_string(ep.port());
}

namespace {

// Runs `ioc` until it stops, polling for `spin` after the last handler ran
// before it blocks (ServerOptions::busy_poll_us says why). poll() runs the
// ready handlers and, when there are none, asks epoll without waiting.
void RunLoop(asio::io_context& ioc, std::chrono::microseconds spin) {
  if (spin.count() == 0) {
    ioc.run();
    return;
  }
  Clock::time_point last_work = Clock::now();
  for (;;) {
    if (ioc.poll() > 0) {
      last_work = Clock::now();
      continue;
    }
    if (ioc.stopped()) return;
    if (Clock::now() - last_work < spin) continue;
    if (ioc.run_one() == 0) return;  // blocks until there is work; 0: stopped
    last_work = Clock::now();
  }
}

}  // namespace

Status HttpServer::Run() {
  impl_->Accept();
  impl_->WaitForSignal();
  for (auto& l : impl_->loops) impl_->Sweep(l.get());
  const std::chrono::microseconds spin(std::max(0, impl_->shared.options.busy_poll_us));
  std::vector<std::thread> threads;
  for (size_t i = 1; i < impl_->loops.size(); ++i) {
    Loop* loop = impl_->loops[i].get();
    threads.emplace_back([loop, spin] { RunLoop(loop->ioc, spin); });
  }
  RunLoop(impl_->loops[0]->ioc, spin);
  for (auto& t : threads) t.join();
  impl_->blocking.join();
  return Status::Ok();
}

}  // namespace zicht::server
