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
    /// The signed-in user's unit (OPD): their tasks and overdue cases are
    /// those of this unit. Empty: every unit (a user without one, a token).
    std::string_view unit{};
};

/// A case as every route gives it: its fields, "due_at" (null without a
/// deadline), "overdue", "working_days_left" and "calendar" as seen at `now`.
/// Every time is RFC 3339 in UTC ("2024-05-02T09:00:00.000Z").
boost::json::object case_json(const CaseRecord& c, TimePoint now, const DeadlineClock& dc);

/// The `limit` query parameter: `fallback` when absent; 400 (field "limit")
/// unless a whole number from 1 to 1000.
std::variant<std::size_t, Response> page_limit(const Query& query, std::size_t fallback);

/// GET /api/cases?q=&workflow=&state=&unit=&subject=&origin=&jobfit_batch=&overdue=true&due_from=&due_before=&opened_from=
/// &opened_before=&updated_from=&updated_before=&sort=[-]id|due|opened|updated&limit=&cursor=
/// filtered, sorted and paged by the journal (keyset cursor: next_cursor),
/// with "total": the cases the filter selects, on every page.
Response list_cases(const Call& call);
/// POST /api/cases: opens a case; 201. A Response only if the request is refused before submitting.
std::variant<Response, Write> open_case(const Call& call);
/// GET /api/cases/{id}: the case with the events the caller's role may submit
/// now and its links ("linked": alur::links_json).
Response show_case(const Call& call, const std::string& id);
/// GET /api/cases/{id}/linked: the cases it came from and those it opened
/// (alur::links_json with "id"); 404 for an unknown case.
Response case_linked(const Call& call, const std::string& id);
/// GET /api/cases/{id}/history: its events in order; each event a
/// `corrected` event corrected has "corrections" (each {by_seq, field,
/// value, before, reason, actor, occurred_at}) and each `corrected` event has
/// "corrects" ({seq, name, field, value, before}): the original and its
/// corrections side by side. 404 for an unknown case.
Response case_history(const Call& call, const std::string& id);
/// The If-Match header ("7", "\"7\"" or W/"7") as the case version a write
/// expects; nullopt without one, invalid_input (field If-Match) when it is not one.
Result<std::optional<std::int64_t>> if_match_version(const Request& request);
/// POST /api/cases/{id}/events, honouring Idempotency-Key and If-Match.
std::variant<Response, Write> submit_event(const Call& call, const std::string& id);

/// GET /api/refusals?case=&since=&limit= (roles auditor and admin; refusals.cpp).
Response list_refusals(const Call& call);

// --- tasks.cpp -------------------------------------------------------------------

/// GET /api/tasks?limit=&cursor=: the cases in which the caller's role may
/// submit an event now, most urgent first (due order: the most overdue
/// first, cases without a deadline last), each with "events": the events
/// the role may submit, in workflow order; "total" and "next_cursor".
Response list_tasks(const Call& call);
/// GET /api/overview: the home page's counts: the caller's tasks (and how
/// many of them are overdue), every overdue case, and per workflow and
/// state the cases and the overdue ones.
Response overview(const Call& call);
/// GET /api/agency: the agency's name, time zone (WIB, WITA, WIT, its IANA
/// name and offset), how dates are written for people, and now.
Response agency(const Call& call);

}  // namespace alur::http::detail
