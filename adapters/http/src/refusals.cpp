// GET /api/refusals: the refusals log for auditors (and admins), filtered
// by case and time, in log order, each entry with its hash and prev_hash.
#include "api_detail.hpp"
#include "catalog.hpp"

#include "alur/engine/refusals.hpp"

#include <boost/json.hpp>

#include <charconv>

namespace alur::http::detail {

namespace json = boost::json;

Response list_refusals(const Call& call) {
    const Token& token = call.token;
    if (token.role != "auditor" && token.role != "admin")
        return fail(403, "forbidden", "only the auditor and admin roles may read the refusals log (this token: " +
                                          token.role + ")");
    RefusalLog* log = call.engine.refusals();
    if (!log) return fail(404, "not_found", "this server records no refusals log");
    RefusalFilter filter;
    if (auto it = call.query.find("case"); it != call.query.end() && !it->second.empty()) filter.case_id = it->second;
    if (auto it = call.query.find("since"); it != call.query.end() && !it->second.empty()) {
        auto since = parse_utc(it->second);
        if (!since) {
            auto local = parse_datetime(it->second, call.deadline_clock.timezone);
            if (!local) return fail(400, "invalid_input", "since: " + local.error().message, "since");
            since = *local;
        }
        filter.since = *since;
    }
    if (auto it = call.query.find("limit"); it != call.query.end() && !it->second.empty()) {
        std::size_t n = 0;
        const auto* end = it->second.data() + it->second.size();
        if (auto r = std::from_chars(it->second.data(), end, n); r.ec != std::errc{} || r.ptr != end || n == 0)
            return fail(400, "invalid_input", "limit: a positive whole number", "limit");
        filter.limit = n;
    }
    auto refusals = log->list(filter);
    if (!refusals) return fail(refusals.error());
    json::array out;
    for (const auto& r : *refusals) {
        json::object entry = refusal_json(r);
        // Read back like a refused write's error (catalog.hpp): what was refused, where, by which rule.
        const errc code = r.code == "refused" ? errc::refused : r.code == "forbidden" ? errc::forbidden : errc::ok;
        if (auto parts = explained_refusal_json(make_error(code, r.message))) entry["refusal"] = std::move(*parts);
        out.push_back(std::move(entry));
    }
    return reply(200, json::object{{"refusals", std::move(out)}});
}

}  // namespace alur::http::detail
