// The committed diagrams must be what the generator prints from the MSM table.
#include "alur/workflows/mutation.hpp"

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
}  // namespace

TEST_CASE("docs/diagrams and README.md hold the generated mutation diagram", "[diagram]") {
    auto wf = mutation::make_workflow({});
    const std::string mermaid = to_mermaid(*wf);
    CHECK_THAT(mermaid, Catch::Contains("record_gathering --> field_visit : records_completed [all_records_present]"));
    const std::string root = ALUR_SOURCE_DIR;
    INFO("regenerate with: scripts/diagrams.sh");
    CHECK(slurp(root + "/docs/diagrams/mutation.mmd") == mermaid);
    CHECK(slurp(root + "/docs/diagrams/mutation.dot") == to_dot(*wf));
    const std::string readme = slurp(root + "/README.md");
    CHECK_THAT(readme, Catch::Contains("<!-- diagram:mutation -->\n```mermaid\n" + mermaid + "```\n<!-- /diagram:mutation -->"));
}
