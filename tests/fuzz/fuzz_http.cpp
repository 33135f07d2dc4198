// Fuzzes a whole HTTP exchange: arbitrary bytes through Beast's request
// parser (as `alur serve` configures it: 64 KiB body limit) and every request
// it yields (keep-alive: several a connection) through the API's router
// (alur::http::Api) on a fresh engine per input (api_setup.hpp: in-memory
// journal, manual clock at 2026-01-01T00:00 WIB, the three workflows, tokens
// "Bearer admin-secret", "Bearer ppk-secret" and "Bearer auditor-secret").
//
// Checks: no answer is a 500; every JSON answer parses, and every error has
// the one shape {"error": {"code", "message"}} with both non-empty; a refused
// request (4xx) wrote nothing; and after the input, audit::verify reports no
// problem. ALUR_FUZZ_TRACE=1 prints each answer.
#include "fuzz_support.hpp"
#include "api_setup.hpp"

#include "alur/engine/audit.hpp"

#include "beast_request.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/json/parse.hpp>

using namespace alur;
namespace json = boost::json;
namespace bhttp = boost::beast::http;

namespace {

constexpr std::size_t max_requests = 32;

struct Server : fuzz::ApiSetup {
    void handle(const http::Request& request) {
        const std::uint64_t before = journal->change_counter().value();
        const http::Response r = api->handle(request);
        if (std::getenv("ALUR_FUZZ_TRACE"))
            std::fprintf(stderr, "%s %s -> %d %s\n", request.method.c_str(), request.target.c_str(), r.status, r.body.substr(0, 300).c_str());
        const std::string what = request.method + " " + request.target + " -> " + std::to_string(r.status) + " " + r.body;
        FUZZ_CHECK(r.status != 500, what);
        FUZZ_CHECK(r.status >= 200 && r.status < 600, what);
        if (r.content_type == "application/json") {
            json::error_code ec;
            const json::value v = json::parse(r.body, ec);
            FUZZ_CHECK(!ec, "the answer is not JSON: " + what);
            if (r.status >= 400) {
                const json::value* e = v.is_object() ? v.get_object().if_contains("error") : nullptr;
                FUZZ_CHECK(e && e->is_object(), "an error without the error object: " + what);
                const json::object* o = &e->get_object();
                const json::value* code = o->if_contains("code");
                const json::value* message = o->if_contains("message");
                FUZZ_CHECK(code && code->is_string() && !code->get_string().empty(), "an error without a code: " + what);
                FUZZ_CHECK(message && message->is_string() && !message->get_string().empty(), "an error without a message: " + what);
            }
        }
        if (r.status >= 400) FUZZ_CHECK(journal->change_counter().value() == before, "refused but written: " + what);
        if (r.status == 405) FUZZ_CHECK(!r.allow.empty(), "a 405 without Allow: " + what);
    }

    void finish() {
        auto report = audit::verify(*engine);
        FUZZ_CHECK(report, "verify failed to read");
        if (report->problem)
            fuzz::fail(__FILE__, __LINE__, "audit verify: event " + std::to_string(report->problem->global_seq) + " of " +
                                               report->problem->case_id + ": " + report->problem->what);
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    Server server;
    for (std::size_t n = 0; n < max_requests && !rest.empty(); ++n) {
        bhttp::request_parser<bhttp::string_body> parser;
        parser.body_limit(64 * 1024);
        parser.eager(true);
        boost::beast::error_code ec;
        while (!rest.empty() && !parser.is_done()) {
            const std::size_t used = parser.put(boost::asio::buffer(rest.data(), rest.size()), ec);
            rest.remove_prefix(used);
            // need_more: what is left is a part of a request and no more bytes
            // will come (Beast's parser must not be given the same bytes again).
            if (ec == bhttp::error::need_more) {
                ec = {};
                break;
            }
            if (ec) break;
        }
        if (!ec && !parser.is_done()) parser.put_eof(ec);
        if (ec || !parser.is_done()) break;  // the server answers 400 or 413 and closes the connection
        server.handle(http::detail::to_request(parser.get()));
        if (!parser.get().keep_alive()) break;
    }
    server.finish();
    return 0;
}
