// The committed diagrams must be what the generator prints from the MSM tables.
#include "alur/workflows/development.hpp"
#include "alur/workflows/job_fit.hpp"
#include "alur/workflows/performance_review.hpp"
#include "alur/workflows/mutation.hpp"
#include "alur/workflows/open_selection.hpp"

#include "result_printing.hpp"

#include <cstring>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <utility>

using namespace alur;

namespace {
std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string xml_unescape(std::string s) {
    const std::pair<const char*, const char*> entities[] = {
        {"&#45;", "-"}, {"&gt;", ">"}, {"&lt;", "<"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}};
    for (const auto& [from, to] : entities)
        for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + 1)) s.replace(at, std::strlen(from), to);
    return s;
}

/// The committed SVG (dot -Tsvg of the committed .dot) has a node per state
/// whose <title> is the state's name (the web page highlights the current
/// state by it), an edge per source and target of the transition table, and
/// every transition's event and guard (a line each). dot's bytes differ between Graphviz versions
/// and fonts, so its layout is not compared.
void check_svg(const Workflow& wf, const std::string& svg) {
    REQUIRE_FALSE(svg.empty());
    std::set<std::string> nodes, expected_nodes{"__start"};
    std::set<std::pair<std::string, std::string>> edges, expected_edges{{"__start", wf.states().front()}};
    const std::regex node(R"re(<g id="node\d+" class="node">\s*<title>([^<]*)</title>)re");
    for (std::sregex_iterator it(svg.begin(), svg.end(), node), end; it != end; ++it) nodes.insert(xml_unescape((*it)[1]));
    const std::regex edge(R"re(<g id="edge\d+" class="edge">\s*<title>([^<]*)</title>)re");
    for (std::sregex_iterator it(svg.begin(), svg.end(), edge), end; it != end; ++it) {
        const std::string title = xml_unescape((*it)[1]);
        const auto arrow = title.find("->");
        REQUIRE(arrow != std::string::npos);
        edges.insert({title.substr(0, arrow), title.substr(arrow + 2)});
    }
    for (const auto& s : wf.states()) expected_nodes.insert(s);
    const std::string text = xml_unescape(svg);
    for (const auto& t : wf.transitions()) {
        if (t.internal) continue;
        expected_edges.insert({t.from, t.to});
        INFO("transition " << t.from << " -> " << t.to << " on " << t.event);
        CHECK_THAT(text, Catch::Contains(">" + t.event + "</text>"));
        if (!t.guard.empty()) CHECK_THAT(text, Catch::Contains(">[" + t.guard + "]</text>"));
    }
    CHECK(nodes == expected_nodes);
    CHECK(edges == expected_edges);
    CHECK_THAT(svg, Catch::Contains("<title>" + wf.name() + "</title>"));
}

void check_committed(const Workflow& wf) {
    const std::string name = wf.name();
    const std::string mermaid = to_mermaid(wf);
    const std::string root = ALUR_SOURCE_DIR;
    INFO(name << ": regenerate with scripts/diagrams.sh");
    CHECK(slurp(root + "/docs/diagrams/" + name + ".mmd") == mermaid);
    CHECK(slurp(root + "/docs/diagrams/" + name + ".dot") == to_dot(wf));
    check_svg(wf, slurp(root + "/docs/diagrams/" + name + ".svg"));
    const std::string readme = slurp(root + "/README.md");
    CHECK_THAT(readme, Catch::Contains("<!-- diagram:" + name + " -->\n```mermaid\n" + mermaid + "```\n<!-- /diagram:" +
                                       name + " -->"));
}
}  // namespace

TEST_CASE("docs/diagrams and README.md hold the generated mutation diagram", "[diagram]") {
    auto wf = mutation::make_workflow({});
    CHECK_THAT(to_mermaid(*wf), Catch::Contains("record_gathering --> field_visit : records_completed [all_records_present]"));
    check_committed(*wf);
}

TEST_CASE("docs/diagrams and README.md hold the generated job fit diagram", "[diagram]") {
    auto wf = job_fit::make_workflow({});
    CHECK_THAT(to_mermaid(*wf), Catch::Contains("assessment --> panel_report : assessment_completed [every_component_scored]"));
    check_committed(*wf);
}

TEST_CASE("docs/diagrams and README.md hold the generated open selection diagram", "[diagram]") {
    auto wf = open_selection::make_workflow({});
    CHECK_THAT(to_mermaid(*wf), Catch::Contains("registration --> administrative_selection : registration_closed"));
    check_committed(*wf);
}

TEST_CASE("docs/diagrams and README.md hold the generated development diagram", "[diagram]") {
    auto wf = development::make_workflow({});
    CHECK_THAT(to_mermaid(*wf), Catch::Contains("awaiting_job_fit --> ppk_decision : linked_case_closed [linked_job_fit]"));
    check_committed(*wf);
}

TEST_CASE("docs/diagrams and README.md hold the generated performance review diagram", "[diagram]") {
    auto wf = performance_review::make_workflow({});
    CHECK_THAT(to_mermaid(*wf), Catch::Contains("improvement --> re_evaluation : improvement_ended [six_months_passed]"));
    check_committed(*wf);
}
