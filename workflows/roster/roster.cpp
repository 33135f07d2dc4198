// The roster's columns and how two rows differ (alur/workflows/roster.hpp).
#include "alur/workflows/roster.hpp"

namespace alur::roster {

const std::vector<std::string>& columns() {
    static const std::vector<std::string> all{"nip", "name", "grade", "post", "unit", "inaugurated_at", "birth_date"};
    return all;
}

std::vector<std::string> values(const Official& o) {
    return {o.nip, o.name, o.grade, o.post, o.unit, format_date(o.inaugurated_at), format_date(o.birth_date)};
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
