// The parts of a commit that are the same in every Journal implementation:
// numbering, chaining and projecting, and the timer and outbox rows it stores.
#include "alur/engine/journal.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <cstdio>

namespace alur {

std::string case_id_for(std::string_view prefix, std::int64_t serial) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "-%06lld", static_cast<long long>(serial));
    return std::string(prefix) + buf;
}

EventRecord chain_event(const CommitRequest& r, std::string case_id, std::int64_t head_global_seq,
                        std::string head_hash) {
    EventRecord e;
    e.case_id = std::move(case_id);
    e.seq = r.expected_version + 1;
    e.global_seq = head_global_seq + 1;
    e.name = r.event.name;
    e.payload = r.event.payload;
    e.actor = r.event.actor;
    e.role = r.event.role;
    e.reason = r.event.reason;
    e.recorded_by = r.event.recorded_by;
    e.occurred_at = r.event.occurred_at;
    e.recorded_at = r.event.recorded_at;
    e.prev_hash = std::move(head_hash);
    e.hash = compute_event_hash(e);
    return e;
}

CaseRecord project(const CommitRequest& r, const EventRecord& event, TimePoint opened_at) {
    CaseRecord c;
    c.id = event.case_id;
    c.workflow = r.projection.workflow;
    c.state = r.projection.state;
    c.version = event.seq;
    c.data = r.projection.data;
    c.opened_at = opened_at;
    c.updated_at = event.occurred_at;
    c.due_at = r.projection.due_at;
    c.summary = r.projection.summary;
    return c;
}

const char* to_string(CaseOrder order) noexcept {
    switch (order) {
        case CaseOrder::id: return "id";
        case CaseOrder::due: return "due";
        case CaseOrder::opened: return "opened";
        case CaseOrder::updated: return "updated";
    }
    return "id";
}

CasePosition position_of(const CaseRecord& c, CaseOrder order) {
    switch (order) {
        case CaseOrder::id: return {std::nullopt, c.id};
        case CaseOrder::due: return {c.due_at, c.id};
        case CaseOrder::opened: return {c.opened_at, c.id};
        case CaseOrder::updated: return {c.updated_at, c.id};
    }
    return {std::nullopt, c.id};
}

bool CaseFilter::matches(const CaseRecord& c) const {
    if (workflow && c.workflow != *workflow) return false;
    if (state && c.state != *state) return false;
    if (unit && c.summary.unit != *unit) return false;
    if (subject && c.summary.subject != *subject) return false;
    if (origin && c.summary.origin != *origin) return false;
    if (jobfit_batch && c.summary.jobfit_batch != *jobfit_batch) return false;
    if (overdue_at && !(c.due_at && *c.due_at < *overdue_at)) return false;
    if (due.any() && !(c.due_at && due.contains(*c.due_at))) return false;
    if (!opened.contains(c.opened_at) || !updated.contains(c.updated_at)) return false;
    if (in_states && std::find(in_states->begin(), in_states->end(), std::pair{c.workflow, c.state}) == in_states->end())
        return false;
    if (text && !search_matches(c, *text)) return false;
    return true;
}

namespace {

/// Whether `hay` holds `needle` (ASCII lower case) with ASCII letters of either case, as
/// SQLite's instr(lower(hay), needle) finds it.
bool holds(std::string_view hay, std::string_view needle) {
    const auto lower = [](char ch) { return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch; };
    return std::search(hay.begin(), hay.end(), needle.begin(), needle.end(),
                       [&](char a, char b) { return lower(a) == b; }) != hay.end();
}

}  // namespace

bool search_matches(const CaseRecord& c, std::string_view needle) {
    if (holds(c.id, needle) || holds(c.summary.subject, needle)) return true;
    boost::system::error_code ec;
    const boost::json::value data = boost::json::parse(c.data, ec);
    if (ec) return false;
    for (std::string_view path : case_search_fields) {
        const boost::json::value* v = &data;
        while (v) {
            const auto dot = path.find('.');
            v = v->is_object() ? v->get_object().if_contains(path.substr(0, dot)) : nullptr;
            if (dot == std::string_view::npos) break;
            path.remove_prefix(dot + 1);
        }
        if (v && v->is_string() && holds(v->get_string(), needle)) return true;
    }
    return false;
}

Result<std::int64_t> Journal::count_cases(const CaseFilter& filter) {
    CaseFilter all = filter;
    all.after.reset();
    all.limit = 0;
    auto cases = list_cases(all);
    if (!cases) return cases.error();
    return static_cast<std::int64_t>(cases->size());
}

bool CaseFilter::before(const CasePosition& a, const CasePosition& b) const {
    const bool by_id = effective_order() == CaseOrder::id;
    const auto ascending = [by_id](const CasePosition& x, const CasePosition& y) {
        if (by_id || x.at == y.at) return x.id < y.id;
        if (!x.at || !y.at) return x.at.has_value();  // no deadline: after every deadline
        return *x.at < *y.at;
    };
    return descending ? ascending(b, a) : ascending(a, b);
}

Error version_conflict(std::string_view case_id, std::int64_t stored, std::int64_t expected) {
    return make_error(errc::conflict,
                      "case " + std::string(case_id) + " is at version " + std::to_string(stored) + ", expected " +
                          std::to_string(expected),
                      "expected_version");
}

std::vector<Timer> timer_rows(const CommitRequest& r, const std::string& case_id) {
    std::vector<Timer> out;
    if (!r.timers) return out;
    out.reserve(r.timers->size());
    for (Timer t : *r.timers) {
        t.id = 0;
        t.case_id = case_id;
        out.push_back(std::move(t));
    }
    return out;
}

std::vector<Notice> outbox_rows(const CommitRequest& r, const EventRecord& event) {
    std::vector<Notice> out;
    out.reserve(r.notices.size());
    for (const Notice& given : r.notices) {
        Notice n;
        n.event_global_seq = event.global_seq;
        n.case_id = event.case_id;
        n.channel = given.channel;
        n.recipient = given.recipient;
        n.payload = given.payload;
        n.created_at = event.recorded_at;
        n.next_attempt_at = event.recorded_at;
        out.push_back(std::move(n));
    }
    return out;
}

Error not_written_after(std::size_t unit, std::size_t after) {
    return make_error(errc::conflict,
                      "command " + std::to_string(unit + 1) + " of the group was decided on command " +
                          std::to_string(after + 1) + ", which was not written",
                      "expected_version");
}

std::vector<Result<std::vector<Committed>>> Journal::commit_units(const std::vector<CommitUnit>& units) {
    std::vector<Result<std::vector<Committed>>> out;
    out.reserve(units.size());
    for (std::size_t i = 0; i < units.size(); ++i) {
        const CommitUnit& unit = units[i];
        if (unit.after && (*unit.after >= i || !out[*unit.after])) {
            out.push_back(not_written_after(i, *unit.after));
        } else if (unit.requests.size() == 1) {
            auto one = commit(unit.requests.front());
            if (one) out.push_back(std::vector<Committed>{std::move(*one)});
            else out.push_back(one.error());
        } else {
            out.push_back(commit_all(unit.requests));
        }
    }
    return out;
}

}  // namespace alur
