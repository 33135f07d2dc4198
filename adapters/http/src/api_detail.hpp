// Inside the API: what the router (api.cpp) and the case handlers (cases.cpp) share.
#pragma once

#include "alur/http/api.hpp"

#include <boost/json/value.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace alur::http::detail {

using Query = std::map<std::string, std::string, std::less<>>;

Response reply(int status, const boost::json::value& body);
/// An error response in the one shape {"error": {"code", "message", "field"?}}.
Response fail(int status, std::string_view code, std::string_view message, std::string_view field = {});
/// The response for an engine error: invalid_input 400, forbidden 403,
/// not_found 404, conflict 409, refused 422, busy 503, others 500.
Response fail(const Error& e);

/// What a write route hands back to the router: the command to submit and
/// how to answer once it is committed (the router submits it, blocking or
/// through alur::async_submit, and counts it in the metrics).
struct Write {
    Command command;
    std::function<Response(const Outcome&)> answer;
};

/// One authenticated call of an /api/cases route.
struct Call {
    Engine& engine;
    Metrics& metrics;
    const DeadlineClock& deadline_clock;
    const std::function<void()>& after_write;
    const Token& token;
    const Request& request;
    const Query& query;
    TimePoint now;
    /// Everything the server gave the API (the stores a route needs).
    const ApiOptions& options;
};

/// GET /api/cases?workflow=&state=&unit=&subject=&origin=&jobfit_batch=&overdue=true&due_from=&due_before=&opened_from=
/// &opened_before=&updated_from=&updated_before=&sort=[-]id|due|opened|updated&limit=&cursor=
/// filtered, sorted and paged by the journal (keyset cursor: next_cursor).
Response list_cases(const Call& call);
/// POST /api/cases: opens a case; 201. A Response only if the request is refused before submitting.
std::variant<Response, Write> open_case(const Call& call);
/// GET /api/cases/{id}: the case with the events the caller's role may submit
/// now and its links ("linked": alur::links_json).
Response show_case(const Call& call, const std::string& id);
/// GET /api/cases/{id}/history
/// GET /api/cases/{id}/linked: the cases it came from and those it opened
/// (alur::links_json with "id"); 404 for an unknown case.
Response case_linked(const Call& call, const std::string& id);
Response case_history(const Call& call, const std::string& id);
/// The If-Match header ("7", "\"7\"" or W/"7") as the case version a write
/// expects; nullopt without one, invalid_input (field If-Match) when it is not one.
Result<std::optional<std::int64_t>> if_match_version(const Request& request);
/// POST /api/cases/{id}/events, honouring Idempotency-Key and If-Match.
std::variant<Response, Write> submit_event(const Call& call, const std::string& id);

/// GET /api/refusals?case=&since=&limit= (roles auditor and admin; refusals.cpp).
Response list_refusals(const Call& call);

}  // namespace alur::http::detail
