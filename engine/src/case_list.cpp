#include "alur/engine/case_list.hpp"

#include "alur/engine/text.hpp"
#include "alur/engine/time.hpp"

#include <boost/json/array.hpp>

#include <algorithm>
#include <set>

namespace alur {

std::optional<CaseSort> parse_case_sort(std::string_view text) {
    CaseSort out;
    if (text.starts_with('-')) {
        out.descending = true;
        text.remove_prefix(1);
    }
    for (CaseOrder o : {CaseOrder::id, CaseOrder::due, CaseOrder::opened, CaseOrder::updated})
        if (text == to_string(o)) {
            out.order = o;
            return out;
        }
    return std::nullopt;
}

std::string cursor_text(const CasePosition& position, CaseOrder order) {
    if (order == CaseOrder::id) return position.id;
    return (position.at ? format_utc(*position.at) : std::string()) + "_" + position.id;
}

Result<CasePosition> read_cursor(Journal& journal, std::string_view text, CaseOrder order) {
    const auto unknown = [&] {
        return make_error(errc::invalid_input, "unknown cursor " + std::string(text), "cursor");
    };
    if (const auto cut = text.find('_'); cut != std::string_view::npos) {
        CasePosition p;
        p.id = std::string(text.substr(cut + 1));
        if (p.id.empty()) return unknown();
        if (cut > 0) {
            p.at = parse_utc(text.substr(0, cut));
            if (!p.at) return unknown();
        }
        return p;
    }
    if (text.empty()) return unknown();
    auto found = journal.find_case(text);
    if (!found) {
        if (found.error().code == errc::not_found) return unknown();
        return found.error();
    }
    return position_of(*found, order);
}

Result<std::optional<std::string>> search_text(std::string_view q) {
    if (auto problem = text_problem(q, TextKind::line, max_name_chars, false))
        return make_error(errc::invalid_input, "q " + *problem, "q");
    while (!q.empty() && q.front() == ' ') q.remove_prefix(1);
    while (!q.empty() && q.back() == ' ') q.remove_suffix(1);
    if (q.empty() || is_blank(q)) return std::optional<std::string>{};
    std::string out(q);
    for (char& ch : out)
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    return std::optional<std::string>(std::move(out));
}

std::vector<std::pair<std::string, std::string>> task_states(
    const std::vector<std::shared_ptr<const Workflow>>& workflows, std::string_view role) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& w : workflows)
        for (const auto& state : w->states())
            if (!w->is_final(state) && !w->events_from(state, role).empty()) out.emplace_back(w->name(), state);
    return out;
}

Result<CasePage> list_page(Journal& journal, CaseFilter filter, std::size_t page_size) {
    filter.limit = page_size == 0 ? 0 : page_size + 1;
    auto cases = journal.list_cases(filter);
    if (!cases) return cases.error();
    CasePage page;
    page.cases = std::move(*cases);
    if (page_size && page.cases.size() > page_size) {
        page.cases.resize(page_size);
        page.next = cursor_text(position_of(page.cases.back(), filter.effective_order()), filter.effective_order());
    }
    return page;
}

namespace {

std::string string_at(const boost::json::object& data, std::string_view key) {
    const auto* v = data.if_contains(key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

}  // namespace

CaseSummary with_links(CaseSummary summary, const boost::json::object& data) {
    summary.origin = string_at(data, "origin");
    summary.jobfit_batch = string_at(data, "jobfit_batch");
    return summary;
}

boost::json::object links_json(const CaseLinks& links) {
    const auto cases = [](const std::vector<CaseRecord>& list) {
        boost::json::array out;
        for (const auto& c : list)
            out.push_back(boost::json::object{{"id", c.id},
                                              {"workflow", c.workflow},
                                              {"state", c.state},
                                              {"subject_label", c.summary.label},
                                              {"origin", c.summary.origin}});
        return out;
    };
    const auto text_or_null = [](const std::string& s) {
        return s.empty() ? boost::json::value(nullptr) : boost::json::value(s);
    };
    return {{"came_from", cases(links.came_from)},
            {"opened", cases(links.opened)},
            {"jobfit_batch", text_or_null(links.jobfit_batch)},
            {"missing_origin", text_or_null(links.missing_origin)}};
}

Result<std::vector<CaseRecord>> opened_from(Journal& journal, std::string_view case_id) {
    CaseFilter filter;
    filter.origin = std::string(case_id);
    return journal.list_cases(filter);
}

Result<CaseLinks> linked_cases(Journal& journal, std::string_view case_id) {
    auto record = journal.find_case(case_id);
    if (!record) return record.error();
    CaseLinks out;
    out.jobfit_batch = record->summary.jobfit_batch;
    std::set<std::string, std::less<>> met{record->id};
    for (std::string origin = record->summary.origin; !origin.empty() && out.came_from.size() < 64;) {
        if (!met.insert(origin).second) break;
        auto up = journal.find_case(origin);
        if (!up) {
            if (up.error().code != errc::not_found) return up.error();
            out.missing_origin = origin;
            break;
        }
        origin = up->summary.origin;
        out.came_from.push_back(std::move(*up));
    }
    auto opened = opened_from(journal, record->id);
    if (!opened) return opened.error();
    out.opened = std::move(*opened);
    return out;
}

}  // namespace alur
