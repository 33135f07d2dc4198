// Diagrams of a workflow, generated from its transition table (the single
// source of truth): Mermaid stateDiagram-v2 and Graphviz DOT.
#include "alur/engine/workflow.hpp"

#include <algorithm>
#include <map>
#include <vector>

namespace alur {
namespace {

// Transitions with the same source and target are drawn as one edge whose
// label lists their events (guards in brackets); internal rows are omitted,
// since they do not change the state.
struct Edge {
    std::string from, to;
    std::vector<std::string> labels;
};

std::vector<Edge> edges(const Workflow& w) {
    std::vector<Edge> out;
    for (const auto& t : w.transitions()) {
        if (t.internal) continue;
        std::string label = t.event + (t.guard.empty() ? "" : " [" + t.guard + "]");
        auto it = std::find_if(out.begin(), out.end(), [&](const Edge& e) { return e.from == t.from && e.to == t.to; });
        if (it == out.end()) out.push_back({t.from, t.to, {label}});
        else if (std::find(it->labels.begin(), it->labels.end(), label) == it->labels.end())
            it->labels.push_back(label);
    }
    return out;
}

std::string joined(const std::vector<std::string>& labels, const char* sep) {
    std::string s;
    for (const auto& l : labels) s += (s.empty() ? "" : sep) + l;
    return s;
}

}  // namespace

std::string to_mermaid(const Workflow& w) {
    std::string out = "stateDiagram-v2\n";
    out += "    [*] --> " + w.states().front() + "\n";
    for (const auto& e : edges(w)) out += "    " + e.from + " --> " + e.to + " : " + joined(e.labels, ", ") + "\n";
    for (const auto& s : w.final_states()) out += "    " + s + " --> [*]\n";
    return out;
}

std::string to_dot(const Workflow& w) {
    // Every state is a node whose id is the state's name: dot makes each one
    // <g class="node"><title>NAME</title>, which the web page highlights.
    std::string out = "digraph " + w.name() + " {\n    rankdir=TB;\n    nodesep=0.3;\n    ranksep=0.5;\n";
    out += "    node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", color=\"#4a5568\", "
           "fontname=\"DejaVu Sans\", fontsize=12];\n";
    out += "    edge [color=\"#718096\", fontname=\"DejaVu Sans\", fontsize=9, fontcolor=\"#4a5568\"];\n";
    out += "    __start [shape=point, width=0.15, fillcolor=\"#4a5568\"];\n    __start -> " + w.states().front() + ";\n";
    const auto& finals = w.final_states();
    for (const auto& s : w.states())
        out += "    " + s + (std::find(finals.begin(), finals.end(), s) != finals.end() ? " [peripheries=2]" : "") +
               ";\n";
    // Each event on its line, its guard on the next: the drawing stays narrow.
    for (auto e : edges(w)) {
        for (auto& l : e.labels)
            if (const auto guard = l.find(" ["); guard != std::string::npos) l.replace(guard, 1, "\\n");
        out += "    " + e.from + " -> " + e.to + " [label=\"" + joined(e.labels, "\\n") + "\"];\n";
    }
    out += "}\n";
    return out;
}

}  // namespace alur
