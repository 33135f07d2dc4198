// The committed diagrams must be what the generator prints from the MSM tables.
#include "alur/workflows/job_fit.hpp"
#include "alur/workflows/performance_review.hpp"
#include "alur/workflows/mutation.hpp"
#include "alur/workflows/open_selection.hpp"

#include "result_printing.hpp"

#include <fstream>
#include <sstream>

using namespace alur;

namespace {
std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void check_committed(const Workflow& wf) {
    const std::string name = wf.name();
    const std::string mermaid = to_mermaid(wf);
    const std::string root = ALUR_SOURCE_DIR;
    INFO(name << ": regenerate with scripts/diagrams.sh");
    CHECK(slurp(root + "/docs/diagrams/" + name + ".mmd") == mermaid);
    CHECK(slurp(root + "/docs/diagrams/" + name + ".dot") == to_dot(wf));
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

TEST_CASE("docs/diagrams and README.md hold the generated performance review diagram", "[diagram]") {
    auto wf = performance_review::make_workflow({});
    CHECK_THAT(to_mermaid(*wf), Catch::Contains("improvement --> re_evaluation : improvement_ended [six_months_passed]"));
    check_committed(*wf);
}
