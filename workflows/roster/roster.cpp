// The roster's columns and how two rows differ (alur/workflows/roster.hpp).
#include "alur/workflows/roster.hpp"

#include "alur/engine/text.hpp"
#include "alur/workflows/nip.hpp"
#include "alur/workflows/rules.hpp"

#include <algorithm>

namespace alur::roster {

const std::vector<std::string>& columns() {
    static const std::vector<std::string> all{"nip", "name", "grade", "post", "unit", "inaugurated_at", "birth_date"};
    return all;
}

std::vector<std::string> values(const Official& o) {
    return {o.nip, o.name, o.grade, o.post, o.unit, format_date(o.inaugurated_at), format_date(o.birth_date)};
}

Result<void> check(const Official& o, Date today) {
    const std::string who = "roster: official " + escape_controls(o.nip.substr(0, 40)) + ": ";
    auto refuse = [&](const std::string& field, const std::string& why) {
        return make_error(errc::invalid_input, who + field + " " + why, field);
    };
    const std::pair<const char*, const std::string*> texts[] = {
        {"nip", &o.nip}, {"name", &o.name}, {"grade", &o.grade}, {"post", &o.post}, {"unit", &o.unit}};
    for (const auto& [field, text] : texts)
        if (auto problem = text_problem(*text, TextKind::line, max_line_chars, std::string_view(field) != "unit"))
            return refuse(field, *problem);
    const auto nip = workflows::check_nip(o.nip, today);
    if (!nip) return refuse("nip", workflows::nip_problem_english(nip.problem));
    const auto& grades = rules::grades();
    if (std::find(grades.begin(), grades.end(), o.grade) == grades.end())
        return refuse("grade", "is not a known grade: " + escape_controls(o.grade));
    if (!o.birth_date.ok() || o.birth_date != nip.nip.birth)
        return refuse("birth_date", "differs from the birth date in the NIP (" + format_date(nip.nip.birth) + ")");
    if (!o.inaugurated_at.ok() || !in_range(o.inaugurated_at) || o.inaugurated_at > today)
        return refuse("inaugurated_at", "must be a date not after " + format_date(today));
    if (o.inaugurated_at < add_years(o.birth_date, 17))
        return refuse("inaugurated_at", "lies before the official turned 17");
    return {};
}

std::vector<FieldChange> changed_fields(const Official& before, const Official& after) {
    const auto old_values = values(before);
    const auto new_values = values(after);
    std::vector<FieldChange> out;
    for (std::size_t i = 0; i < old_values.size(); ++i)
        if (old_values[i] != new_values[i]) out.push_back({columns()[i], old_values[i], new_values[i]});
    return out;
}

}  // namespace alur::roster
