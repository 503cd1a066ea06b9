#!/usr/bin/env python3
"""Embed a line model file in winnow's sources (standard library only):

    python3 train/embed_model.py [models/line.model]

writes
- Sources/WinnowCore/Model/EmbeddedModel.swift: the file's text, whole
  (`LineModel.embedded` reads its stages from it; LineModelTests checks it is
  the committed file);
- Sources/CEmbeddedModel/EmbeddedModelTable.c: its lexical table as two C arrays
  (buckets, weights), so start-up does not read 67 206 decimal lines
  (EmbeddedModelTests checks they hold what the text's table holds), and, for a
  model whose stage 1 is trees (version 2), the trees as the flat arrays
  TreeEnsemble.swift holds, so start-up does not read their thousands of nodes.

train/train.py runs this after writing a model; run it by hand after editing
models/line.model. Then `swift build` builds both into the binary.
"""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SWIFT = os.path.join(ROOT, "Sources", "WinnowCore", "Model", "EmbeddedModel.swift")
C = os.path.join(ROOT, "Sources", "CEmbeddedModel", "EmbeddedModelTable.c")


def lexical_table(text):
    """(bits, intercept, [(bucket, weight)]) of the model's lexical table, or None.
    The table starts at the line `lexical BITS INTERCEPT` (three fields: stage 1's
    feature `lexical` has four); its lines are `bucket weight`."""
    lines = text.split("\n")
    for k, line in enumerate(lines):
        fields = line.split()
        if len(fields) == 3 and fields[0] == "lexical":
            entries = []
            for row in lines[k + 1:]:
                row = row.split("#", 1)[0].split()
                if row:
                    bucket, weight = int(row[0]), float(row[1])
                    assert 0 <= bucket < 1 << int(fields[1]), bucket
                    entries.append((bucket, weight))
            return int(fields[1]), float(fields[2]), entries
    return None


def tree_arrays(text):
    """Stage 1's trees (the `stage1 trees` section) as TreeEnsemble.read builds
    them, or None: the splits of all trees in order, a child that is a leaf as the
    complement of the leaf's index; the leaves' values; each tree's root."""
    lines = [line.split() for line in text.split("\n")]
    if ["stage1", "trees"] not in lines:
        return None
    out = {"feature": [], "threshold": [], "left": [], "right": [], "missing": [], "leaf": [], "roots": []}
    k = lines.index(["stage1", "trees"]) + 1
    while lines[k] != ["stage2"]:
        if lines[k] and lines[k][0] == "tree":
            count = int(lines[k][1])
            nodes = lines[k + 1:k + 1 + count]
            index = []
            for node in nodes:
                if node[0] == "leaf":
                    index.append(~len(out["leaf"]))
                    out["leaf"].append(float.fromhex(node[1]))
                else:
                    index.append(len(out["feature"]))
                    for key in ("feature", "threshold", "left", "right", "missing"):
                        out[key].append(None)
            for node, at in zip(nodes, index):
                if node[0] != "leaf":
                    out["feature"][at] = int(node[0])
                    out["threshold"][at] = float.fromhex(node[1])
                    out["left"][at] = index[int(node[2])]
                    out["right"][at] = index[int(node[3])]
                    out["missing"][at] = int(node[4])
            out["roots"].append(index[0])
            k += 1 + count
        else:
            k += 1
    return out


def c_array(ctype, name, values, per_line, fmt=str):
    out = [f"static const {ctype} {name}[{max(len(values), 1)}] = {{"]
    out += [", ".join(fmt(v) for v in values[i:i + per_line]) + "," for i in range(0, len(values), per_line)]
    return out + ["};", ""]


def render_trees(text):
    """The C arrays of stage 1's trees (empty for a logistic stage 1); doubles as
    C99 hexadecimal floats, the text's own (exact)."""
    trees = tree_arrays(text) or {"feature": [], "threshold": [], "left": [], "right": [], "missing": [], "leaf": [],
                                  "roots": []}
    out = [f"// Stage 1's trees: {len(trees['roots'])}, {len(trees['feature'])} splits, {len(trees['leaf'])} leaves."]
    out += c_array("int32_t", "tree_feature", trees["feature"], 16)
    out += c_array("double", "tree_threshold", trees["threshold"], 4, float.hex)
    out += c_array("int32_t", "tree_left", trees["left"], 16)
    out += c_array("int32_t", "tree_right", trees["right"], 16)
    out += c_array("uint8_t", "tree_missing_left", trees["missing"], 32)
    out += c_array("double", "tree_leaf_value", trees["leaf"], 4, float.hex)
    out += c_array("int32_t", "tree_roots", trees["roots"], 16)
    out += [f"long winnow_tree_count(void) {{ return {len(trees['roots'])}; }}",
            f"long winnow_tree_split_count(void) {{ return {len(trees['feature'])}; }}",
            f"long winnow_tree_leaf_count(void) {{ return {len(trees['leaf'])}; }}"]
    out += [f"const {t} *winnow_tree_{n}(void) {{ return tree_{n}; }}" for t, n in (
        ("int32_t", "feature"), ("double", "threshold"), ("int32_t", "left"), ("int32_t", "right"),
        ("uint8_t", "missing_left"), ("double", "leaf_value"), ("int32_t", "roots"))]
    return out + [""]


def render_c(text):
    table = lexical_table(text)
    bits, intercept, entries = table if table else (0, 0.0, [])
    out = ["// Generated by `python3 train/embed_model.py` from models/line.model: do not edit.",
           f"// The lexical table (bits {bits}, intercept {intercept!r}): {len(entries)} weights.",
           '#include "EmbeddedModelTable.h"', ""]
    # repr is the shortest text that reads back as the same double, in C as in Python.
    out.append(f"static const uint32_t buckets[{max(len(entries), 1)}] = {{")
    out += [", ".join(str(b) for b, _ in entries[i:i + 12]) + "," for i in range(0, len(entries), 12)]
    out += ["};", "", f"static const double weights[{max(len(entries), 1)}] = {{"]
    out += [", ".join(repr(w) for _, w in entries[i:i + 8]) + "," for i in range(0, len(entries), 8)]
    out += ["};", "",
            f"long winnow_lexical_count(void) {{ return {len(entries)}; }}",
            "const uint32_t *winnow_lexical_buckets(void) { return buckets; }",
            "const double *winnow_lexical_weights(void) { return weights; }", ""]
    return "\n".join(out + render_trees(text))


def render_swift(text):
    # The literal's last line break is not part of it: one more keeps the file's.
    return ("// Generated by `python3 train/embed_model.py` from models/line.model: do not edit.\n"
            "enum EmbeddedModel {\n    static let text = \"\"\"\n" + text + "\n\"\"\"\n}\n")


def write(model_path):
    with open(model_path, encoding="utf-8") as f:
        text = f.read()
    for path, body in ((SWIFT, render_swift(text)), (C, render_c(text))):
        with open(path, "w", encoding="utf-8") as f:
            f.write(body)


if __name__ == "__main__":
    write(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "models", "line.model"))
