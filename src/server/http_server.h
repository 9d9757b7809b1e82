#pragma once
// The HTTP/1.1 transport of `zicht serve` on Boost.Beast / Asio: keep-alive,
// one event loop per thread, connection cap, idle and slow-client timeouts,
// body limit (413), and a graceful stop on SIGTERM/SIGINT (stop accepting,
// finish requests in flight, close idle connections). SIGHUP reloads the
// keys file. The only file that includes Beast, so the rest of server/
// compiles fast.
//
// Thread-safety: Bind() and Run() are called from one thread; Run() blocks
// until the server has stopped.
#include <memory>
#include <string>

#include "common/result.h"
#include "server/server_options.h"

namespace zicht::server {

class Service;

class HttpServer {
 public:
  //! Binds the listening socket (so the port is known before Run()).
  //! kIOError when the address is malformed or cannot be bound.
  static Result<std::unique_ptr<HttpServer>> Bind(Service& service, const ServerOptions& options);
  ~HttpServer();

  //! "127.0.0.1:PORT" as actually bound (the real port when 0 was asked).
  std::string bound_address() const;

  //! Serves until SIGTERM or SIGINT; returns once every request that had
  //! arrived has been answered and all connections are closed.
  Status Run();

  struct Impl;

 private:
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace zicht::server
