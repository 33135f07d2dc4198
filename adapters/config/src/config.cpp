// config.cpp — loading a configuration file: read, parse, check every section.
#include "alur/config/config.hpp"

#include "alur/files/files.hpp"
#include "sections.hpp"

namespace alur::config {

Config defaults() {
    Config config;
    config.mutation.timezone = config.timezone;
    detail::share_settings(config);
    config.deadline_clock.calendar = Calendar::from_files(Calendar::shipped_files());
    config.deadline_clock.timezone = config.timezone;
    return config;
}

Result<Config> load_string(std::string_view toml_text, std::string_view source_name,
                           const std::filesystem::path& base_dir) {
    const std::string source(source_name);
    try {
        toml::table root;
        try {
            root = toml::parse(toml_text, source_name);
        } catch (const toml::parse_error& e) {
            const auto& at = e.source().begin;
            std::string message = source;
            if (at.line > 0)
                message += ':' + std::to_string(at.line) + ':' + std::to_string(at.column);
            message += ": syntax error: ";
            message += e.description();
            return make_error(errc::invalid_input, std::move(message));
        }

        const detail::Reader r(source, base_dir);
        if (auto ok = r.check_keys(root, ""); !ok) return ok.error();
        if (auto ok = r.only_keys(root, "", {"agency", "oversight", "election_windows", "scoring", "calendar",
                                             "deadlines", "notify", "job_fit", "open_selection", "journal", "cli",
                                             "server", "http", "development", "performance_review", "log"});
            !ok)
            return ok.error();
        Config config = defaults();
        config.source = source;
        for (auto read : {detail::read_agency, detail::read_oversight, detail::read_election_windows,
                          detail::read_scoring, detail::read_calendar, detail::read_deadlines,
                          detail::read_notify, detail::read_job_fit, detail::read_open_selection,
                          detail::read_journal, detail::read_cli, detail::read_server, detail::read_http,
                          detail::read_development, detail::read_performance_review, detail::read_log}) {
            if (auto ok = read(r, root, config); !ok) return ok.error();
        }
        detail::share_settings(config);
        return config;
    } catch (const std::exception& e) {  // out of memory, in practice
        return make_error(errc::io, source + ": " + e.what());
    }
}

Result<Config> load_file(const std::filesystem::path& path) {
    auto read = files::read_regular_file(path, max_file_bytes);
    if (!read) return files::file_error(*read.error, "configuration file");
    return load_string(read.text, path.string(), path.parent_path());
}

}  // namespace alur::config
