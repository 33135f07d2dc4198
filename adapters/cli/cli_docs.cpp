// cli_docs.cpp — the alur(1) man page and the bash completion, both made by
// walking the CLI11 tree that parses the command line, so they can never list
// an option the parser does not take. The build runs them (`alur help --man`,
// `alur completion bash`) and installs what they print (adapters/cli/CMakeLists.txt).
#include "build_info.hpp"
#include "meta_commands.hpp"
#include "messages.hpp"

#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

namespace alur::cli {

namespace {

std::vector<const CLI::App*> visible_subcommands(const CLI::App& app) {
    return app.get_subcommands([](const CLI::App* sub) { return !sub->get_group().empty(); });
}

/// The options a person can give: visible ones, without -h/--help.
std::vector<const CLI::Option*> visible_options(const CLI::App& app) {
    const CLI::Option* help = app.get_help_ptr();
    return app.get_options([help](const CLI::Option* o) { return o != help && !o->get_group().empty(); });
}

/// Text for groff: backslashes as \e, a leading . or ' made literal, and a
/// break point (\:) after each | and , so that long lists of choices wrap.
std::string roff(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '\\') out += "\\e";
        else out += c;
        if (c == '|' || c == ',') out += "\\:";
    }
    if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out.insert(0, "\\&");
    return out;
}

/// An option's name or a command's name for groff: minus signs as \-.
std::string roff_name(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '-') out += "\\-";
        else if (c == '\\') out += "\\e";
        else out += c;
    }
    return out;
}

bool takes_value(const CLI::Option& o) { return o.get_expected_max() != 0 && o.get_type_name() != ""; }

/// "TEXT:{id,en}" -> "id en"; "" when the option has no fixed choices.
std::string choices_of(const std::string& type) {
    const auto open = type.find(":{");
    const auto close = type.rfind('}');
    if (open == std::string::npos || close == std::string::npos || close < open) return "";
    std::string list = type.substr(open + 2, close - open - 2);
    for (auto& c : list)
        if (c == ',') c = ' ';
    return list;
}

void man_options(std::ostream& os, const CLI::App& app) {
    for (const CLI::Option* o : visible_options(app)) {
        os << ".TP\n";
        if (o->nonpositional()) {
            std::string names = o->get_name(false, true);
            for (auto& c : names)
                if (c == ',') c = ' ';
            os << "\\fB" << roff_name(names) << "\\fR";
            if (takes_value(*o)) {
                std::string value = choices_of(o->get_type_name());
                for (auto& c : value)
                    if (c == ' ') c = '|';
                os << " \\fI" << roff_name(value.empty() ? o->get_type_name() : value) << "\\fR";
            }
            os << "\n";
        } else {
            os << "\\fI" << roff_name(o->get_name(true)) << "\\fR\n";
        }
        os << roff(o->get_description());
        const std::string env = o->get_envname();
        if (!env.empty() && o->get_description().find("$" + env) == std::string::npos) os << " ($" << env << ")";
        os << "\n";
    }
}

void man_commands(std::ostream& os, const CLI::App& app, const std::string& path) {
    for (const CLI::App* sub : visible_subcommands(app)) {
        const std::string name = path.empty() ? sub->get_name() : path + " " + sub->get_name();
        const auto children = visible_subcommands(*sub);
        os << ".SS \"alur " << roff_name(name) << "\"\n" << roff(sub->get_description()) << "\n";
        if (!children.empty()) {
            os << ".PP\n" << tr(M::man_subcommands) << ":";
            for (const CLI::App* child : children) os << ' ' << roff_name(child->get_name());
            os << "\n";
        }
        man_options(os, *sub);
        man_commands(os, *sub, name);
    }
}

struct Level {
    std::vector<std::string> words;        // subcommands and options offered here
    std::set<std::string> value_options;   // options that take a value
    std::map<std::string, std::string> choices;  // option -> its choices ("id en")
};

void collect(const CLI::App& app, const std::string& path, std::map<std::string, Level>& levels) {
    Level& level = levels[path];
    for (const CLI::App* sub : visible_subcommands(app)) level.words.push_back(sub->get_name());
    for (const CLI::Option* o : visible_options(app)) {
        if (!o->nonpositional()) continue;
        std::string names = o->get_name(false, true);
        std::istringstream split(names);
        for (std::string n; std::getline(split, n, ',');) {
            level.words.push_back(n);
            if (takes_value(*o)) {
                level.value_options.insert(n);
                if (auto c = choices_of(o->get_type_name()); !c.empty()) level.choices[n] = c;
            }
        }
    }
    level.words.push_back("--help");
    for (const CLI::App* sub : visible_subcommands(app))
        collect(*sub, path.empty() ? sub->get_name() : path + " " + sub->get_name(), levels);
}

std::string joined(const auto& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : " ") + s;
    return out;
}

Result<void> run_help(const CLI::App& root, const std::vector<std::string>& words, bool man) {
    if (man) {
        std::cout << man_page(root);
        return {};
    }
    const CLI::App* at = &root;
    std::string group, parent;  // "audit verify"; "alur audit" for its usage line
    for (const auto& word : words) {
        std::vector<std::string> names;
        const CLI::App* found = nullptr;
        for (const CLI::App* sub : visible_subcommands(*at)) {
            names.push_back(sub->get_name());
            if (sub->get_name() == word) found = sub;
        }
        if (!found) return unknown_command(word, names, group);
        parent = group.empty() ? "alur" : "alur " + group;
        group = group.empty() ? word : group + " " + word;
        at = found;
    }
    std::cout << at->help(parent);
    return {};
}

Result<void> run_completion(const CLI::App& root, const std::string& shell) {
    if (shell != "bash") return make_error(errc::invalid_input, "completion: only bash is supported", "shell");
    std::cout << bash_completion(root);
    return {};
}

}  // namespace

std::string man_page(const CLI::App& root) {
    std::ostringstream os;
    os << ".\\\" alur(1), generated by `alur help --man` from the command definitions: do not edit.\n"
       << ".TH ALUR 1 \"\" \"alur " << build::version << "\" \"Alur\"\n.ad l\n.nh\n"
       << ".SH " << tr(M::man_name) << "\nalur \\- " << roff(root.get_description()) << "\n"
       << ".SH " << tr(M::man_synopsis) << "\n.B alur\n[\\fI" << tr(M::man_global_options) << "\\fR] \\fI"
       << tr(M::man_commands) << "\\fR ...\n"
       << ".SH " << tr(M::man_description) << "\n" << roff(root.get_description()) << ".\n.PP\n"
       << roff(tr(M::man_install_note)) << "\n"
       << ".SH " << tr(M::man_global_options) << "\n";
    man_options(os, root);
    os << ".SH " << tr(M::man_commands) << "\n";
    man_commands(os, root, "");
    os << ".SH " << tr(M::man_environment) << "\n";
    for (const CLI::Option* o : visible_options(root))
        if (!o->get_envname().empty())
            os << ".TP\n.B " << o->get_envname() << "\n" << roff(o->get_description()) << "\n";
    os << ".TP\n.B ALUR_LOG\n" << roff(tr(M::man_env_log)) << "\n"
       << ".SH " << tr(M::man_files) << "\n"
       << ".TP\n.I /etc/alur/alur.toml\n" << roff(tr(M::man_file_config)) << "\n"
       << ".TP\n.I /var/lib/alur/alur.db\n" << roff(tr(M::man_file_db)) << "\n"
       << ".TP\n.I /var/log/alur/notices.jsonl\n" << roff(tr(M::man_file_notices)) << "\n"
       << ".SH " << tr(M::man_exit_status) << "\n" << roff(tr(M::app_footer)) << "\n"
       << ".SH " << tr(M::man_see_also) << "\n"
       << ".BR systemctl (1),\n.BR journalctl (1),\n.BR sqlite3 (1)\n";
    return os.str();
}

std::string bash_completion(const CLI::App& root) {
    std::map<std::string, Level> levels;
    collect(root, "", levels);
    std::set<std::string> commands, values;
    std::map<std::string, std::string> choices;
    for (const auto& [path, level] : levels) {
        if (!path.empty()) commands.insert(path);
        values.insert(level.value_options.begin(), level.value_options.end());
        choices.insert(level.choices.begin(), level.choices.end());
    }
    std::string values_alt, commands_alt;
    for (const auto& v : values) values_alt += (values_alt.empty() ? "" : "|") + v;
    for (const auto& c : commands) commands_alt += (commands_alt.empty() ? "" : "|") + ("\"" + c + "\"");
    std::ostringstream os;
    os << "# bash completion for alur " << build::version
       << ", generated by `alur completion bash` from its command definitions: do not edit.\n"
       << "_alur() {\n"
       << "    local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n"
       << "    local path=\"\" i w next\n"
       << "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
       << "        w=\"${COMP_WORDS[i]}\"\n"
       << "        case \"$w\" in\n"
       << "            " << values_alt << ") ((i++)); continue ;;\n"
       << "            -*) continue ;;\n"
       << "        esac\n"
       << "        next=\"${path:+$path }$w\"\n"
       << "        case \"$next\" in\n"
       << "            " << commands_alt << ") path=\"$next\" ;;\n"
       << "        esac\n"
       << "    done\n"
       << "    case \"$prev\" in\n";
    for (const auto& [option, list] : choices)
        os << "        " << option << ") COMPREPLY=($(compgen -W \"" << list << "\" -- \"$cur\")); return ;;\n";
    os << "        " << values_alt << ") COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n"
       << "    esac\n"
       << "    local words=\"\"\n"
       << "    case \"$path\" in\n";
    for (const auto& [path, level] : levels)
        os << "        \"" << path << "\") words=\"" << joined(level.words) << "\" ;;\n";
    os << "    esac\n"
       << "    COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n"
       << "}\n"
       << "complete -o default -F _alur alur\n";
    return os.str();
}

void add_docs_commands(CLI::App& root, Registry& out) {
    auto* help = root.add_subcommand("help", tr(M::cmd_help));
    auto words = std::make_shared<std::vector<std::string>>();
    auto man = std::make_shared<bool>(false);
    help->add_option("command", *words, tr(M::arg_help_command))->option_text("COMMAND...");
    help->add_flag("--man", *man, tr(M::opt_help_man));
    out.push_back({help, Needs::nothing, [&root, words, man](Context&) { return run_help(root, *words, *man); }});

    auto* completion = root.add_subcommand("completion", tr(M::cmd_completion))->group("");
    auto shell = std::make_shared<std::string>();
    completion->add_option("shell", *shell, tr(M::arg_completion_shell))->required()->check(CLI::IsMember({"bash"}));
    out.push_back({completion, Needs::nothing, [&root, shell](Context&) { return run_completion(root, *shell); }});
}

}  // namespace alur::cli
