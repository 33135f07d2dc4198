// The HTTP API over a real SQLite journal file, called through Api::handle
// as the server calls it: the mutation and open selection workflows, a
// manual clock, and one bearer token per role ("<name>-secret").
#pragma once

#include "mutation_fixture.hpp"
#include "test_support.hpp"

#include "alur/engine/tokens.hpp"
#include "alur/http/api.hpp"
#include "alur/http/metrics.hpp"
#include "alur/sqlite/journal.hpp"
#include "alur/workflows/open_selection.hpp"

#include <boost/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace alur::test {

struct ApiFixture {
    TempDir dir;
    std::shared_ptr<sqlite::SqliteJournal> journal = sqlite::SqliteJournal::open((dir / "alur.db").string()).value();
    MutationFixture f{{}, journal};
    MemoryTokenStore tokens;
    http::Metrics metrics;
    std::unique_ptr<http::Api> api;

    ApiFixture() {
        f.engine->add_workflow(open_selection::make_workflow({}));
        for (auto [name, role] : {std::pair{"sari", "admin"}, std::pair{"inspektorat", "auditor"},
                                  std::pair{"bupati", "ppk"}}) {
            Token t;
            t.name = name;
            t.role = role;
            t.created_at = f.clock->now();
            t.granted_by = "test";
            tokens.add(t, sha256_hex(std::string(name) + "-secret")).value();
        }
        http::ApiOptions o;
        o.engine = f.engine.get();
        o.tokens = &tokens;
        o.metrics = &metrics;
        api = std::make_unique<http::Api>(std::move(o));
    }

    http::Response call(const std::string& method, const std::string& target, const std::string& who,
                        const std::string& body = {}, const std::string& if_match = {}) {
        http::Request r;
        r.method = method;
        r.target = target;
        r.body = body;
        r.if_match = if_match;
        r.authorization = "Bearer " + who + "-secret";
        return api->handle(r);
    }
    http::Response get(const std::string& target, const std::string& who = "sari") { return call("GET", target, who); }
    http::Response post(const std::string& target, const boost::json::value& body, const std::string& who = "sari",
                        const std::string& if_match = {}) {
        return call("POST", target, who, boost::json::serialize(body), if_match);
    }
};

/// The body of a JSON response.
inline boost::json::object body_of(const http::Response& r) { return boost::json::parse(r.body).as_object(); }

/// The error code of an error response.
inline std::string error_code(const http::Response& r) {
    return std::string(body_of(r).at("error").at("code").as_string());
}

/// Every chunk of a streamed response, in order (the body alone when it does not stream).
inline std::vector<std::string> chunks_of(const http::Response& r) {
    std::vector<std::string> out;
    if (!r.stream) {
        out.push_back(r.body);
        return out;
    }
    while (auto chunk = r.stream->next()) out.push_back(std::move(*chunk));
    return out;
}

/// The value of response header `name`, or "".
inline std::string header_of(const http::Response& r, const std::string& name) {
    for (const auto& [key, value] : r.headers)
        if (key == name) return value;
    return {};
}

}  // namespace alur::test
