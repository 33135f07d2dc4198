// config.cpp — loading a configuration file: read, parse, check every section.
#include "alur/config/config.hpp"

#include "sections.hpp"

#include <fstream>
#include <sstream>
#include <system_error>

namespace alur::config {

Config defaults() {
    Config config;
    config.mutation.timezone = config.timezone;
    detail::share_settings(config);
    config.deadline_clock.calendar = Calendar(Calendar::shipped());
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
        if (auto ok = r.only_keys(root, "", {"agency", "oversight", "election_windows", "scoring", "calendar",
                                             "deadlines", "notify", "job_fit", "open_selection", "journal"});
            !ok)
            return ok.error();
        Config config = defaults();
        config.source = source;
        for (auto read : {detail::read_agency, detail::read_oversight, detail::read_election_windows,
                          detail::read_scoring, detail::read_calendar, detail::read_deadlines,
                          detail::read_notify, detail::read_job_fit, detail::read_open_selection, detail::read_journal}) {
            if (auto ok = read(r, root, config); !ok) return ok.error();
        }
        detail::share_settings(config);
        return config;
    } catch (const std::exception& e) {  // out of memory, in practice
        return make_error(errc::io, source + ": " + e.what());
    }
}

Result<Config> load_file(const std::filesystem::path& path) {
    try {
        std::error_code ec;
        const auto status = std::filesystem::status(path, ec);
        if (status.type() == std::filesystem::file_type::not_found)
            return make_error(errc::not_found, "configuration file not found: " + path.string());
        if (ec) return make_error(errc::io, "cannot read " + path.string() + ": " + ec.message());
        if (std::filesystem::is_directory(status))
            return make_error(errc::invalid_input, path.string() + " is a directory, not a TOML file");

        std::ifstream in(path, std::ios::binary);
        if (!in) return make_error(errc::io, "cannot open " + path.string());
        std::ostringstream text;
        text << in.rdbuf();
        if (in.bad()) return make_error(errc::io, "cannot read " + path.string());
        return load_string(text.str(), path.string(), path.parent_path());
    } catch (const std::exception& e) {
        return make_error(errc::io, path.string() + ": " + e.what());
    }
}

}  // namespace alur::config
