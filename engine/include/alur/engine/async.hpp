// alur/engine/async.hpp — Engine::submit_async as an Asio asynchronous operation.
//
//   alur::async_submit(engine, command, net::bind_executor(strand, [](Result<Outcome> r) { ... }));
//   auto future = alur::async_submit(engine, command, net::use_future);
//
// The completion runs on the handler's associated executor (the connection's
// strand), never on the committer's thread, so a handler may take its time.
#pragma once

#include "alur/engine/engine.hpp"

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>

#include <memory>
#include <utility>

namespace alur {

template <typename CompletionToken>
auto async_submit(Engine& engine, Command command, CompletionToken&& token) {
    return boost::asio::async_initiate<CompletionToken, void(Result<Outcome>)>(
        [&engine](auto handler, Command cmd) {
            auto work = boost::asio::make_work_guard(boost::asio::get_associated_executor(handler));
            auto shared = std::make_shared<decltype(handler)>(std::move(handler));
            engine.submit_async(std::move(cmd), [shared, work = std::move(work)](Result<Outcome> result) mutable {
                auto ex = work.get_executor();
                boost::asio::post(ex, [shared, result = std::move(result)]() mutable {
                    (*shared)(std::move(result));
                });
                work.reset();
            });
        },
        token, std::move(command));
}

}  // namespace alur
