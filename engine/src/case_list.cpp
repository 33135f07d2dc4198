#include "alur/engine/case_list.hpp"

#include "alur/engine/time.hpp"

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

}  // namespace alur
