// suggest.cpp — a mistyped command answered with the nearest one
// ("perintah 'lst' tidak dikenal; maksud Anda `list`?", exit 2) before CLI11
// would say only that an argument was not expected.
#include "meta_commands.hpp"
#include "messages.hpp"

#include <algorithm>
#include <numeric>

namespace alur::cli {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::optional<std::string> nearest(std::string_view word, const std::vector<std::string>& names) {
    std::optional<std::string> best;
    std::size_t best_distance = std::max<std::size_t>(1, word.size() / 3);
    for (const auto& name : names) {
        const std::size_t d = edit_distance(word, name);
        if (d <= best_distance && (!best || d < best_distance)) {
            best = name;
            best_distance = d;
        }
    }
    if (best || word.size() < 2) return best;
    std::vector<std::string> prefixed;  // `alur jobf` -> jobfit
    for (const auto& name : names)
        if (name.starts_with(word)) prefixed.push_back(name);
    if (prefixed.size() == 1) return prefixed.front();
    return std::nullopt;
}

namespace {

std::vector<std::string> command_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
        names.push_back(sub->get_name());
        for (const auto& alias : sub->get_aliases()) names.push_back(alias);
    }
    return names;
}

}  // namespace

Error unknown_command(std::string_view word, const std::vector<std::string>& names, const std::string& group) {
    const std::string prefix = group.empty() ? "" : group + " ";
    if (auto near = nearest(word, names))
        return make_error(errc::invalid_input, trf(M::err_unknown_command_near, {word, prefix + *near}));
    return make_error(errc::invalid_input, trf(M::err_unknown_command, {word, "alur " + prefix + "--help"}));
}

Result<void> check_command_words(const CLI::App& root, int argc, char** argv) {
    int i = 1;
    while (i < argc) {  // the global options, as main's early_option reads them
        const std::string_view arg = argv[i];
        if (arg == "--db" || arg == "--config" || arg == "--lang") {
            i += 2;
        } else if (arg.starts_with("-")) {
            if (arg == "--") return {};
            ++i;
        } else {
            break;
        }
    }
    if (i >= argc) return {};
    const std::string_view word = argv[i];
    const auto names = command_names(root);
    if (std::find(names.begin(), names.end(), word) == names.end()) return unknown_command(word, names, "");

    // One level down: a group that requires a subcommand (`alur audit verfy`).
    const CLI::App* group = root.get_subcommand(std::string(word));
    if (group->get_require_subcommand_min() == 0 || i + 1 >= argc) return {};
    const std::string_view next = argv[i + 1];
    if (next.starts_with("-")) return {};
    const auto inner = command_names(*group);
    if (std::find(inner.begin(), inner.end(), next) == inner.end())
        return unknown_command(next, inner, std::string(word));
    return {};
}

}  // namespace alur::cli
