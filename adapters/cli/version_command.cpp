// version_command.cpp — `alur --version` and `alur version [--json]`: what was
// built (version and commit, captured when the build was configured), the
// schema version it writes, its build type and the libraries it runs on (the
// run-time version where the library reports one: SQLite, OpenSSL,
// libxlsxwriter; the headers' version for the header-only ones).
#include "build_info.hpp"
#include "meta_commands.hpp"
#include "messages.hpp"
#include "output.hpp"

#include "alur/reports/xlsx_version.hpp"
#include "alur/sqlite/version.hpp"

#include <CLI/Version.hpp>
#include <boost/json/object.hpp>
#include <boost/version.hpp>
#include <openssl/crypto.h>
#include <spdlog/version.h>
#include <toml++/impl/version.h>

#include <iostream>
#include <memory>

namespace alur::cli {

namespace {

std::string dotted(int major, int minor, int patch) {
    return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

boost::json::object libraries() {
    boost::json::object o;
    o["boost"] = dotted(BOOST_VERSION / 100000, BOOST_VERSION / 100 % 1000, BOOST_VERSION % 100);
    o["sqlite"] = sqlite::library_version();
    o["openssl"] = OpenSSL_version(OPENSSL_VERSION_STRING);
    o["spdlog"] = dotted(SPDLOG_VER_MAJOR, SPDLOG_VER_MINOR, SPDLOG_VER_PATCH);
    o["tomlplusplus"] = dotted(TOML_LIB_MAJOR, TOML_LIB_MINOR, TOML_LIB_PATCH);
    o["cli11"] = CLI11_VERSION;
    o["libxlsxwriter"] = reports::xlsxwriter_version();
    return o;
}

boost::json::object version_json() {
    boost::json::object o;
    o["name"] = "alur";
    o["version"] = build::version;
    o["commit"] = build::commit;
    o["schema_version"] = sqlite::current_schema_version();
    o["build_type"] = build::type;
    o["libraries"] = libraries();
    return o;
}

Result<void> print_version(bool json) {
    const auto v = version_json();
    if (json) {
        print_json(std::cout, v);
        return {};
    }
    std::cout << version_line() << '\n'
              << "schema_version " << v.at("schema_version").as_int64() << '\n'
              << "build_type " << build::type << '\n';
    for (const auto& [name, value] : v.at("libraries").as_object())
        std::cout << name << ' ' << value.as_string().c_str() << '\n';
    return {};
}

}  // namespace

std::string version_line() { return std::string("alur ") + build::version + " (commit " + build::commit + ")"; }

void add_version_command(CLI::App& app, Registry& out) {
    app.set_version_flag("--version", version_line(), tr(M::opt_version));
    auto* sub = app.add_subcommand("version", tr(M::cmd_version));
    auto json = std::make_shared<bool>(false);
    sub->add_flag("--json", *json, tr(M::opt_version_json));
    out.push_back({sub, Needs::nothing, [json](Context&) { return print_version(*json); }});
}

}  // namespace alur::cli
