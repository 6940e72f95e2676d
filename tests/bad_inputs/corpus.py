#!/usr/bin/env python3
"""The bad-input corpus: broken model folders, configs, shard indexes, tokenizers, QA data,
results files, masks and options, each run through ropescope-cli.

  corpus.py make OUT CLI FIXTURES DATA   writes OUT/<category>/<case>/... and OUT/cases.json
  corpus.py run OUT CLI CATEGORY         runs every case of CATEGORY

A case passes when ropescope-cli exits non-zero on its own (no signal, within the time limit),
its message names what it is about (the file, key or option) and its peak memory stays below
2 GB. Nothing here is large: every file is made from the small fixtures at test time.
"""

import gzip
import json
import os
import shutil
import signal
import struct
import subprocess
import sys
import time

MIN_CASES = 200
TIME_LIMIT_S = 30.0
PEAK_RSS_LIMIT_KIB = 2 * 1024 * 1024
CATEGORIES = ["safetensors", "config", "index", "tokenizer", "qa_data", "results", "masks", "options"]


# --- making the corpus ----------------------------------------------------------------------

class Corpus:
    def __init__(self, out, cli, fixtures, data):
        self.out = out
        self.cli = cli
        self.llama = os.path.join(fixtures, "hf-tiny", "llama")
        self.qwen = os.path.join(fixtures, "hf-tiny", "qwen2")
        self.data = data
        self.cases = []
        self.good = os.path.join(out, "good-model")
        self.good_data = os.path.join(data, "tiny_qa.jsonl")
        self.copy_model(self.good)

    def copy_model(self, folder, source=None):
        source = source or self.llama
        os.makedirs(folder, exist_ok=True)
        for name in ("config.json", "model.safetensors"):
            shutil.copyfile(os.path.join(source, name), os.path.join(folder, name))
        shutil.copyfile(os.path.join(self.data, "byte_tokenizer.json"), os.path.join(folder, "tokenizer.json"))
        return folder

    def folder(self, category, name):
        path = os.path.join(self.out, category, name)
        if os.path.exists(path):
            raise SystemExit("case %s/%s made twice" % (category, name))
        os.makedirs(path)
        return path

    def add(self, category, name, args, expect, files=None, model=False, absent=None):
        """A case: `files` maps a path in the case folder to bytes, or to ("fifo",), ("dir",),
        ("symlink", target); `model` first copies the intact tiny Llama into model/."""
        case = self.folder(category, name)
        if model:
            self.copy_model(os.path.join(case, "model"))
        for rel, content in (files or {}).items():
            path = os.path.join(case, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            if os.path.lexists(path):
                os.remove(path)
            if isinstance(content, tuple):
                kind = content[0]
                if kind == "fifo":
                    os.mkfifo(path)
                elif kind == "dir":
                    os.makedirs(path)
                elif kind == "symlink":
                    os.symlink(content[1], path)
                else:
                    raise SystemExit("unknown file kind " + kind)
            else:
                with open(path, "wb") as f:
                    f.write(content)
        subst = {"{dir}": case, "{good}": self.good, "{data}": self.good_data, "{out}": os.path.join(case, "out.h5")}

        def fill(text):
            for key, value in subst.items():
                text = text.replace(key, value)
            return text

        self.cases.append({"category": category, "name": name, "args": [fill(a) for a in args],
                           "expect": [fill(e) for e in expect], "absent": absent or []})

    def write_manifest(self):
        counts = {c: sum(1 for k in self.cases if k["category"] == c) for c in CATEGORIES}
        with open(os.path.join(self.out, "cases.json"), "w") as f:
            json.dump({"cases": self.cases, "counts": counts}, f, indent=1)
        return counts


def read_safetensors(path):
    with open(path, "rb") as f:
        blob = f.read()
    n = struct.unpack("<Q", blob[:8])[0]
    return json.loads(blob[8:8 + n]), blob[8 + n:]


def safetensors_bytes(header, data, raw_header=None):
    text = raw_header if raw_header is not None else json.dumps(header).encode()
    return struct.pack("<Q", len(text)) + text + data


def deep(n):
    return b"[" * n + b"]" * n


# Every case a model-reading command sees: norms reads every tensor.
def norms(model="{dir}/model"):
    return ["norms", "--model", model, "--output", "{out}"]


def make_safetensors(c):
    header, data = read_safetensors(os.path.join(c.llama, "model.safetensors"))
    blob = safetensors_bytes(header, data)
    cat = "safetensors"
    expect = ["model.safetensors"]

    def add(name, content, extra=None):
        c.add(cat, name, norms(), expect + (extra or []), files={"model/model.safetensors": content}, model=True)

    add("empty", b"")
    for n in (1, 4, 7):
        add("only_%d_bytes" % n, blob[:n])
    add("header_length_zero", struct.pack("<Q", 0) + b"{}")
    add("header_length_past_end", struct.pack("<Q", len(blob)) + blob[8:])
    add("header_length_2_63", struct.pack("<Q", 1 << 63) + blob[8:])
    add("header_length_all_ones", b"\xff" * 8 + blob[8:])
    for frac in (0.5, 0.9, 0.999):
        add("truncated_data_%g" % frac, blob[:8 + len(blob[8:]) - int(len(data) * (1 - frac)) - 1])
    add("truncated_in_header", blob[:8 + 100])
    add("header_not_json", safetensors_bytes(None, data, b"not json at all" + b" " * 10))
    add("header_array", safetensors_bytes(None, data, b"[1, 2, 3]"))
    add("header_number", safetensors_bytes(None, data, b"42"))
    add("header_trailing_garbage", safetensors_bytes(None, data, json.dumps(header).encode() + b" }}}"))
    add("header_nested_deep", safetensors_bytes(None, data, b'{"a": ' + deep(100000) + b"}"))
    add("header_nul_bytes", safetensors_bytes(None, data, json.dumps(header).encode()[:-1] + b'\x00\x00}'))
    add("header_invalid_utf8", safetensors_bytes(None, data, b'{"\xff\xfe": {"dtype": "F32", "shape": [1], '
                                                             b'"data_offsets": [0, 4]}}'))
    name0 = "model.layers.0.self_attn.q_proj.weight"

    def edited(fn):
        h = json.loads(json.dumps(header))
        fn(h)
        return safetensors_bytes(h, data)

    def set_field(field, value):
        return edited(lambda h: h[name0].__setitem__(field, value))

    def drop_field(field):
        return edited(lambda h: h[name0].pop(field))

    for field in ("dtype", "shape", "data_offsets"):
        add("tensor_without_" + field, drop_field(field))
    add("tensor_not_object", edited(lambda h: h.__setitem__(name0, [1, 2])))
    for tag, value in (("unknown", "F13"), ("number", 7), ("empty", ""), ("lowercase", "f32")):
        add("dtype_" + tag, set_field("dtype", value))
    for tag, value in (("negative", [-1, 64]), ("float", [64.5, 64]), ("string", ["64", 64]),
                       ("overflow", [1 << 62, 1 << 62]), ("not_list", 64), ("too_large", [128, 64]),
                       ("too_small", [32, 64]), ("wrong_rank", [64 * 64])):
        add("shape_" + tag, set_field("shape", value))
    offsets = header[name0]["data_offsets"]
    for tag, value in (("reversed", [offsets[1], offsets[0]]), ("past_end", [offsets[0], len(data) + 4096]),
                       ("negative", [-4, offsets[1]]), ("one_value", [offsets[0]]),
                       ("three_values", offsets + [0]), ("strings", [str(o) for o in offsets]),
                       ("overlapping", [offsets[0] + 4, offsets[1] + 4]), ("huge", [0, 1 << 63])):
        add("offsets_" + tag, set_field("data_offsets", value))
    add("metadata_not_object", edited(lambda h: h.__setitem__("__metadata__", [1])))
    add("metadata_value_not_string", edited(lambda h: h.__setitem__("__metadata__", {"format": 3})))
    add("data_not_covered", blob + b"\0" * 64, ["cover"])
    add("duplicate_tensor_name",
        safetensors_bytes(None, data, json.dumps(header).encode()[:-1] + b', "' + name0.encode() + b'": ' +
                          json.dumps(header[name0]).encode() + b"}"), ["twice"])
    add("tensor_missing", edited(lambda h: h.pop(name0)), ["belong to no tensor"])
    add("tensor_renamed", edited(lambda h: h.__setitem__("model.layers.0.self_attn.q_proj.weigth", h.pop(name0))),
        [name0])
    add("not_safetensors_zip", b"PK\x03\x04" + b"\0" * 200)
    add("pickle_bytes", b"\x80\x02}q\x00." + b"\0" * 100)
    c.add(cat, "fifo", norms(), expect, files={"model/model.safetensors": ("fifo",)}, model=True)
    c.add(cat, "directory", norms(), expect, files={"model/model.safetensors": ("dir",)}, model=True)
    c.add(cat, "symlink_loop", norms(), expect, files={"model/model.safetensors": ("symlink", "model.safetensors")},
          model=True)
    c.add(cat, "dangling_symlink", norms(), expect, files={"model/model.safetensors": ("symlink", "gone")},
          model=True)
    c.add(cat, "symlink_to_device", norms(), expect, files={"model/model.safetensors": ("symlink", "/dev/zero")},
          model=True)
    c.add(cat, "symlink_to_system_file", norms(), expect,
          files={"model/model.safetensors": ("symlink", "/etc/passwd")}, model=True)
    # The same broken file for other commands.
    for command in (["info", "{dir}/model"], ["generate", "--model", "{dir}/model", "--ids", "1,2"],
                    ["bands", "--model", "{dir}/model", "--ids", "1,2,3", "--output", "{out}"]):
        c.add(cat, "truncated_" + command[0], command, expect,
              files={"model/model.safetensors": blob[:len(blob) // 2]}, model=True)


def make_config(c):
    cat = "config"
    base = json.load(open(os.path.join(c.llama, "config.json")))
    expect = ["config.json"]

    def add(name, content, extra=None, command=None):
        c.add(cat, name, command or ["info", "{dir}/model"], expect + (extra or []),
              files={"model/config.json": content}, model=True)

    def edited(fn):
        d = json.loads(json.dumps(base))
        fn(d)
        return json.dumps(d).encode()

    add("empty", b"")
    add("not_json", b"hidden_size = 64\n")
    add("array", b"[1, 2]")
    add("string", b'"config"')
    add("trailing_garbage", json.dumps(base).encode() + b"\n}")
    add("truncated", json.dumps(base).encode()[:100])
    add("nested_deep", b'{"a": ' + deep(100000) + b"}", ["512"])
    add("duplicate_key", json.dumps(base).encode()[:-1] + b', "hidden_size": 32}', ["hidden_size"])
    add("invalid_utf8", json.dumps(base).encode()[:-1] + b', "x": "\xff\xfe"}')
    add("nul_byte", b"\0" + json.dumps(base).encode())
    for key in ("hidden_size", "num_attention_heads", "num_hidden_layers", "vocab_size", "intermediate_size"):
        # info reads no MLP weight: the MLP's width is checked where the model is built.
        command = ["generate", "--model", "{dir}/model", "--ids", "1"] if key == "intermediate_size" else None
        add("missing_" + key, edited(lambda d, k=key: d.pop(k)), [key], command=command)
        for tag, value in (("negative", -4), ("zero", 0), ("string", "64"), ("float", 64.5), ("null", None),
                           ("huge", 1 << 40), ("bool", True)):
            add("%s_%s" % (key, tag), edited(lambda d, k=key, v=value: d.__setitem__(k, v)), [key], command=command)
    for tag, value in (("negative", -16), ("odd", 15), ("huge", 1 << 30), ("string", "16")):
        add("head_dim_" + tag, edited(lambda d, v=value: d.__setitem__("head_dim", v)), ["head_dim"])
    for tag, value in (("not_dividing", 3), ("zero", 0), ("more_than_heads", 8)):
        add("kv_heads_" + tag, edited(lambda d, v=value: d.__setitem__("num_key_value_heads", v)),
            ["num_key_value_heads"])
    for tag, value in (("negative", -1.0), ("zero", 0), ("string", "1e4"), ("huge", 1e308 * 10)):
        if tag == "huge":
            add("rope_theta_" + tag, json.dumps(base).encode()[:-1] + b', "rope_theta": 1e999}', ["rope_theta"])
            continue
        add("rope_theta_" + tag, edited(lambda d, v=value: d.__setitem__("rope_theta", v)), ["rope_theta"])
    scaling = base["rope_scaling"]
    for tag, change in (("unknown_type", {"rope_type": "spiral"}), ("factor_negative", {"factor": -8.0}),
                        ("factor_string", {"factor": "8"}), ("not_object", None)):
        add("rope_scaling_" + tag, edited(lambda d, ch=change: d.__setitem__(
            "rope_scaling", 5 if ch is None else dict(scaling, **ch))), ["rope_scaling"])
    add("rms_norm_eps_negative", edited(lambda d: d.__setitem__("rms_norm_eps", -1e-6)), ["rms_norm_eps"])
    add("architecture_unknown", edited(lambda d: d.__setitem__("architectures", ["GPT9ForEverything"])),
        ["GPT9ForEverything"])
    add("architectures_empty_no_type", edited(lambda d: (d.__setitem__("architectures", []), d.pop("model_type"))))
    add("architectures_not_list", edited(lambda d: d.__setitem__("architectures", "LlamaForCausalLM")),
        ["architectures"])
    add("hidden_act_unknown", edited(lambda d: d.__setitem__("hidden_act", "sparkle")), ["hidden_act"])
    add("heads_times_dim_huge", edited(lambda d: (d.__setitem__("num_attention_heads", 1 << 16),
                                                 d.__setitem__("num_key_value_heads", 1 << 16),
                                                 d.__setitem__("head_dim", 1 << 10))))
    # The config and the weights disagree: the weights are right, the config is not.
    add("layers_beyond_weights", edited(lambda d: d.__setitem__("num_hidden_layers", 3)), ["model.layers.2"],
        command=norms())
    add("hidden_not_the_weights", edited(lambda d: d.__setitem__("hidden_size", 32)), ["[64, 32]"],
        command=norms())
    for name, content in (("fifo", ("fifo",)), ("directory", ("dir",)), ("symlink_loop", ("symlink", "config.json")),
                          ("dangling_symlink", ("symlink", "nowhere.json")),
                          ("symlink_to_device", ("symlink", "/dev/zero"))):
        c.add(cat, name, ["info", "{dir}/model"], expect, files={"model/config.json": content}, model=True)
    c.add(cat, "missing", ["info", "{dir}/model"], expect, files={"model/config.json": ("dir",)}, model=True)
    shutil.rmtree(os.path.join(c.out, cat, "missing", "model", "config.json"))
    c.add(cat, "generation_config_eos_string", ["info", "{dir}/model"], ["generation_config.json"],
          files={"model/generation_config.json": b'{"eos_token_id": "two"}'}, model=True)
    c.add(cat, "generation_config_not_json", ["info", "{dir}/model"], ["generation_config.json"],
          files={"model/generation_config.json": b'{"eos_token_id": '}, model=True)


def make_index(c):
    cat = "index"
    header, data = read_safetensors(os.path.join(c.llama, "model.safetensors"))
    names = sorted(k for k in header if k != "__metadata__")
    halves = (names[:len(names) // 2], names[len(names) // 2:])
    shards = []
    for part in halves:
        h, chunks, at = {"__metadata__": {"format": "pt"}}, [], 0
        for n in part:
            b, e = header[n]["data_offsets"]
            h[n] = dict(header[n], data_offsets=[at, at + e - b])
            chunks.append(data[b:e])
            at += e - b
        shards.append(safetensors_bytes(h, b"".join(chunks)))
    shard_names = ["model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"]
    weight_map = {n: shard_names[i] for i in (0, 1) for n in halves[i]}
    index_name = "model.safetensors.index.json"

    def sharded_model(case_files):
        files = {"model/" + shard_names[0]: shards[0], "model/" + shard_names[1]: shards[1],
                 "model/" + index_name: json.dumps({"metadata": {}, "weight_map": weight_map}).encode()}
        for k, v in case_files.items():
            files["model/" + k] = v
        return files

    def add(name, case_files, extra=None, expect=None):
        c.add(cat, name, norms(), (expect or [index_name]) + (extra or []), files=sharded_model(case_files),
              model=True)
        os.remove(os.path.join(c.out, cat, name, "model", "model.safetensors"))

    def index(fn):
        d = {"metadata": {}, "weight_map": dict(weight_map)}
        fn(d)
        return json.dumps(d).encode()

    first = names[0]
    add("empty", {index_name: b""})
    add("not_json", {index_name: b"weight_map: yes"})
    add("array", {index_name: b"[]"})
    add("nested_deep", {index_name: b'{"weight_map": ' + deep(100000) + b"}"})
    add("no_weight_map", {index_name: index(lambda d: d.pop("weight_map"))}, ["weight_map"])
    add("weight_map_array", {index_name: index(lambda d: d.__setitem__("weight_map", [1]))}, ["weight_map"])
    add("weight_map_empty", {index_name: index(lambda d: d.__setitem__("weight_map", {}))})
    add("shard_number", {index_name: index(lambda d: d["weight_map"].__setitem__(first, 3))}, [first])
    add("shard_missing", {index_name: index(lambda d: d["weight_map"].__setitem__(first, "model-gone.safetensors"))},
        expect=["model-gone.safetensors"])
    add("shard_parent_path", {index_name: index(lambda d: d["weight_map"].__setitem__(first, "../model.safetensors"))},
        ["../model.safetensors"])
    add("shard_absolute_path", {index_name: index(lambda d: d["weight_map"].__setitem__(first, "/etc/passwd"))},
        ["/etc/passwd"])
    add("shard_subfolder", {index_name: index(lambda d: d["weight_map"].__setitem__(first, "sub/x.safetensors"))},
        ["sub/x.safetensors"])
    add("shard_pickle", {index_name: index(lambda d: d["weight_map"].__setitem__(first, "pytorch_model.bin"))},
        ["pytorch_model.bin"])
    add("tensor_not_in_shard",
        {index_name: index(lambda d: d["weight_map"].__setitem__(first, shard_names[1]))}, [first])
    add("tensor_not_in_index", {index_name: index(lambda d: d["weight_map"].pop(first))}, [first])
    add("tensor_in_both_shards", {shard_names[1]: safetensors_bytes(
        dict(json.loads(shards[1][8:8 + struct.unpack("<Q", shards[1][:8])[0]]),
             **{first: dict(header[first], data_offsets=[0, header[first]["data_offsets"][1] -
                                                         header[first]["data_offsets"][0]])}),
        shards[1][8 + struct.unpack("<Q", shards[1][:8])[0]:])}, expect=[first])
    add("shard_truncated", {shard_names[1]: shards[1][:len(shards[1]) // 2]}, expect=[shard_names[1]])
    add("shard_empty", {shard_names[0]: b""}, expect=[shard_names[0]])
    add("shard_fifo", {shard_names[0]: ("fifo",)}, expect=[shard_names[0]])
    add("shard_directory", {shard_names[0]: ("dir",)}, expect=[shard_names[0]])
    add("shard_symlink_loop", {shard_names[0]: ("symlink", shard_names[0])}, expect=[shard_names[0]])
    add("shard_symlink_to_system_file", {shard_names[0]: ("symlink", "/etc/passwd")}, expect=[shard_names[0]])
    add("shard_symlink_to_device", {shard_names[0]: ("symlink", "/dev/zero")}, expect=[shard_names[0]])
    add("index_fifo", {index_name: ("fifo",)})
    add("index_symlink_loop", {index_name: ("symlink", index_name)})
    add("duplicate_key", {index_name: b'{"weight_map": {"a": "x.safetensors", "a": "y.safetensors"}}'}, ["'a'"])


def tokenizer_json(vocab=None, merges=None, **top):
    """A small byte-level BPE tokenizer.json."""
    if vocab is None:
        vocab = {chr(0x100 + i) if i < 33 else chr(i): i for i in range(128)}
        vocab["hi"] = 128
    d = {"version": "1.0", "added_tokens": [], "normalizer": None,
         "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
         "post_processor": None, "decoder": {"type": "ByteLevel"},
         "model": {"type": "BPE", "dropout": None, "unk_token": None, "fuse_unk": False, "byte_fallback": False,
                   "vocab": vocab, "merges": merges if merges is not None else ["h i"]}}
    d.update(top)
    return d


def make_tokenizer(c):
    cat = "tokenizer"
    expect = ["tokenizer.json"]

    def add(name, content, extra=None):
        if not isinstance(content, (bytes, tuple)):
            content = json.dumps(content).encode()
        c.add(cat, name, ["tokenize", "--tokenizer", "{dir}/tokenizer.json", "--text", "hi there"],
              expect + (extra or []), files={"tokenizer.json": content})

    good = tokenizer_json()

    def edited(fn):
        d = json.loads(json.dumps(good))
        fn(d)
        return d

    add("empty", b"")
    add("not_json", b"<vocab>")
    add("array", b"[]")
    add("truncated", json.dumps(good).encode()[:200])
    add("nested_deep", b'{"model": ' + deep(100000) + b"}", ["512"])
    add("duplicate_key", json.dumps(good).encode()[:-1] + b', "model": {}}', ["model"])
    add("no_model", edited(lambda d: d.pop("model")), ["model"])
    add("model_not_object", edited(lambda d: d.__setitem__("model", "BPE")), ["model"])
    add("model_type_unknown", edited(lambda d: d["model"].__setitem__("type", "Magic")), ["Magic"])
    add("model_type_number", edited(lambda d: d["model"].__setitem__("type", 5)))
    add("vocab_missing", edited(lambda d: d["model"].pop("vocab")), ["vocab"])
    add("vocab_array", edited(lambda d: d["model"].__setitem__("vocab", ["a"])), ["vocab"])
    add("vocab_id_string", edited(lambda d: d["model"]["vocab"].__setitem__("hi", "128")), ["hi"])
    add("vocab_id_negative", edited(lambda d: d["model"]["vocab"].__setitem__("hi", -1)), ["hi"])
    add("vocab_id_huge", edited(lambda d: d["model"]["vocab"].__setitem__("hi", 1 << 40)), ["hi"])
    add("vocab_id_float", edited(lambda d: d["model"]["vocab"].__setitem__("hi", 1.5)), ["hi"])
    add("merges_not_list", edited(lambda d: d["model"].__setitem__("merges", "h i")), ["merges"])
    add("merge_number", edited(lambda d: d["model"].__setitem__("merges", [5])), ["merge 0"])
    add("merge_one_part", edited(lambda d: d["model"].__setitem__("merges", ["hi"])), ["merge"])
    add("merge_three_parts", edited(lambda d: d["model"].__setitem__("merges", [["h", "i", "x"]])), ["merge"])
    add("merge_unknown_token", edited(lambda d: d["model"].__setitem__("merges", ["q\u00ff z\u00ff"])), ["merge"])
    add("merge_result_unknown", edited(lambda d: d["model"].__setitem__("merges", ["t h"])), ["merge"])
    add("added_tokens_not_list", edited(lambda d: d.__setitem__("added_tokens", {"id": 1})), ["added_tokens"])
    add("added_token_no_content", edited(lambda d: d.__setitem__("added_tokens", [{"id": 129}])), ["added_tokens"])
    add("added_token_id_string", edited(lambda d: d.__setitem__("added_tokens", [{"id": "x", "content": "<s>"}])),
        ["added_tokens"])
    add("pre_tokenizer_unknown", edited(lambda d: d.__setitem__("pre_tokenizer", {"type": "Shredder"})),
        ["Shredder"])
    add("split_pattern_invalid", edited(lambda d: d.__setitem__("pre_tokenizer", {
        "type": "Split", "pattern": {"Regex": "(unclosed"}, "behavior": "Isolated", "invert": False})), ["(unclosed"])
    add("normalizer_unknown", edited(lambda d: d.__setitem__("normalizer", {"type": "Whiten"})), ["Whiten"])
    add("decoder_unknown", edited(lambda d: d.__setitem__("decoder", {"type": "Scramble"})), ["Scramble"])
    add("unk_token_not_in_vocab", edited(lambda d: d["model"].__setitem__("unk_token", "<unk>")), ["<unk>"])
    add("fifo", ("fifo",))
    add("directory", ("dir",))
    add("symlink_loop", ("symlink", "tokenizer.json"))
    add("symlink_to_device", ("symlink", "/dev/zero"))
    add("binary", bytes(range(256)) * 4)


def qa_line(question="q?", answers=("Paris",), ctxs=None):
    if ctxs is None:
        ctxs = [{"title": "T", "text": "It is Paris.", "hasanswer": True, "isgold": True}]
    return {"question": question, "answers": list(answers), "ctxs": ctxs}


def make_qa_data(c):
    cat = "qa_data"
    expect = ["qa.jsonl"]

    def add(name, content, extra=None, file="qa.jsonl"):
        if isinstance(content, list):
            content = b"".join(json.dumps(x).encode() + b"\n" for x in content)
        c.add(cat, name, ["qa", "--model", "{good}", "--data", "{dir}/" + file, "--samples", "1"],
              [file] + (extra or []), files={file: content})

    good = qa_line()

    def edited(fn):
        d = json.loads(json.dumps(good))
        fn(d)
        return [d]

    add("empty", b"")
    add("blank_lines", b"\n\n   \n")
    add("not_json", b"question: where?\n")
    add("array_line", b"[1, 2, 3]\n", ["qa.jsonl:1"])
    add("string_line", b'"a question"\n', ["qa.jsonl:1"])
    add("truncated_line", json.dumps(good).encode()[:40] + b"\n", ["qa.jsonl:1"])
    add("second_line_bad", [good, good], ["qa.jsonl:2"])  # replaced below
    with open(os.path.join(c.out, cat, "second_line_bad", "qa.jsonl"), "wb") as f:
        f.write(json.dumps(good).encode() + b"\n{\"question\": \n")
    add("nested_deep", b'{"question": ' + deep(100000) + b"}\n", ["qa.jsonl:1"])
    add("duplicate_key", json.dumps(good).encode()[:-1] + b', "question": "again"}\n', ["question"])
    add("missing_question", edited(lambda d: d.pop("question")), ["question"])
    add("question_number", edited(lambda d: d.__setitem__("question", 5)), ["question"])
    add("missing_answers", edited(lambda d: d.pop("answers")), ["answers"])
    add("answers_string", edited(lambda d: d.__setitem__("answers", "Paris")), ["answers"])
    add("answers_empty", edited(lambda d: d.__setitem__("answers", [])), ["answers"])
    add("answer_number", edited(lambda d: d.__setitem__("answers", [3])), ["answers"])
    add("missing_ctxs", edited(lambda d: d.pop("ctxs")), ["ctxs"])
    add("ctxs_object", edited(lambda d: d.__setitem__("ctxs", {"title": "T"})), ["ctxs"])
    add("ctxs_empty", edited(lambda d: d.__setitem__("ctxs", [])), ["ctxs"])
    add("ctx_not_object", edited(lambda d: d.__setitem__("ctxs", ["text"])), ["ctxs"])
    add("ctx_no_text", edited(lambda d: d["ctxs"][0].pop("text")), ["text"])
    add("ctx_text_number", edited(lambda d: d["ctxs"][0].__setitem__("text", 1)), ["text"])
    add("ctx_title_list", edited(lambda d: d["ctxs"][0].__setitem__("title", ["T"])), ["title"])
    add("hasanswer_string", edited(lambda d: d["ctxs"][0].__setitem__("hasanswer", "yes")), ["hasanswer"])
    add("isgold_number", edited(lambda d: d["ctxs"][0].__setitem__("isgold", 1)), ["isgold"])
    add("two_gold_documents", edited(lambda d: d["ctxs"].append(dict(d["ctxs"][0]))), ["gold"])
    add("invalid_utf8", json.dumps(good).encode().replace(b"q?", b"q\xff?") + b"\n", ["qa.jsonl:1"])
    add("nul_byte", b"\0" + json.dumps(good).encode() + b"\n", ["qa.jsonl:1"])
    add("line_over_8_mib", json.dumps(qa_line(question="x" * (9 << 20))).encode() + b"\n", ["8 MiB"])
    add("binary", bytes(range(256)) * 64)
    gz = gzip.compress(b"".join(json.dumps(good).encode() + b"\n" for _ in range(50)))
    add("gzip_truncated", gz[:len(gz) // 2], file="qa.jsonl.gz")
    add("gzip_corrupt", gz[:20] + bytes(b ^ 0x5A for b in gz[20:60]) + gz[60:], file="qa.jsonl.gz")
    add("gzip_of_garbage", gzip.compress(b"\x00\x01 not json\n"), file="qa.jsonl.gz")
    add("gzip_empty_member", gzip.compress(b""), file="qa.jsonl.gz")
    for name, content in (("fifo", ("fifo",)), ("directory", ("dir",)), ("symlink_loop", ("symlink", "qa.jsonl")),
                          ("symlink_to_device", ("symlink", "/dev/zero"))):
        add(name, content)
    c.add(cat, "missing", ["qa", "--model", "{good}", "--data", "{dir}/absent.jsonl"], ["absent.jsonl"])
    c.add(cat, "gold_position_beyond_documents",
          ["qa", "--model", "{good}", "--data", "{data}", "--gold-positions", "7", "--samples", "1"],
          ["position 7"])


def run_cli(cli, args, limit=TIME_LIMIT_S):
    """Runs the CLI; returns (exit code or None, signal or 0, timed out, output, peak RSS KiB)."""
    with open(os.devnull, "rb") as devnull:
        proc = subprocess.Popen([cli] + args, stdin=devnull, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                start_new_session=True)
    chunks, deadline, timed_out = [], time.monotonic() + limit, False
    os.set_blocking(proc.stdout.fileno(), False)
    while True:
        try:
            chunk = proc.stdout.read()
        except BlockingIOError:
            chunk = None
        if chunk:
            chunks.append(chunk)
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid == proc.pid:
            break
        if time.monotonic() > deadline:
            timed_out = True
            os.killpg(proc.pid, signal.SIGKILL)
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.01)
    rest = proc.stdout.read() if not proc.stdout.closed else b""
    if rest:
        chunks.append(rest)
    proc.returncode = 0  # collected above
    output = b"".join(chunks).decode("utf-8", "replace")
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else None
    sig = os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0
    return code, sig, timed_out, output, usage.ru_maxrss


def make_results(c):
    cat = "results"
    work = os.path.join(c.out, "results-sources")
    os.makedirs(work)
    good = os.path.join(work, "good.h5")
    other = os.path.join(work, "other-model.h5")
    for target, model in ((good, c.good), (other, os.path.join(c.out, "results-sources", "qwen"))):
        if model != c.good:
            c.copy_model(model, c.qwen)
        code, sig, _, output, _ = run_cli(c.cli, ["analyze", "--model", model, "--data", c.good_data, "--samples", "1",
                                                  "--gold-positions", "0", "--analyses", "norms,retrieval",
                                                  "--output", target], limit=300)
        if code != 0:
            raise SystemExit("cannot make a results file for the corpus:\n" + output)
    blob = open(good, "rb").read()
    expect = ["r.h5"]

    def add(name, content, extra=None, commands=("merge", "scores")):
        for command in commands:
            if command == "merge":
                args = ["merge", "--output", "{out}", "{dir}/r.h5", "{dir}/r.h5"]
            else:
                args = ["qa", "--model", "{good}", "--data", "{data}", "--samples", "1", "--mask",
                        "heads=retrieval>0.5 dims=first4", "--scores", "{dir}/r.h5"]
            c.add(cat, name + "_" + command, args, expect + (extra or []), files={"r.h5": content})

    add("empty", b"")
    add("text", b"this is not a results file\n")
    add("json", b'{"format": "ropescope-results"}')
    for frac in (0.01, 0.1, 0.5, 0.9, 0.99):
        add("truncated_%g" % frac, blob[:int(len(blob) * frac)])
    add("superblock_zeroed", blob[:8] + b"\0" * 64 + blob[72:])
    add("signature_only", blob[:8])
    add("format_name_changed", blob.replace(b"ropescope-results", b"ropescope-resultz"), ["not a RoPEScope"])
    stride = max(1, len(blob) // 12)
    for i, at in enumerate(range(512, len(blob) - 64, stride)):
        add("garbage_at_%d" % i, blob[:at] + bytes((b * 31 + 7) & 0xFF for b in blob[at:at + 48]) + blob[at + 48:],
            commands=("merge",))
    c.add(cat, "other_model_scores",
          ["qa", "--model", "{good}", "--data", "{data}", "--samples", "1", "--mask", "heads=retrieval>0.5 dims=first4",
           "--scores", other], ["other-model.h5"])
    for name, content in (("fifo", ("fifo",)), ("directory", ("dir",)), ("symlink_loop", ("symlink", "r.h5")),
                          ("symlink_to_device", ("symlink", "/dev/zero"))):
        add(name, content)
    c.add(cat, "resume_of_text_file", ["qa", "--model", "{good}", "--data", "{data}", "--samples", "1", "--output",
                                       "{dir}/r.h5", "--resume"], ["r.h5"], files={"r.h5": b"not hdf5"})
    c.add(cat, "resume_other_model", ["analyze", "--model", "{good}", "--data", "{data}", "--samples", "1",
                                      "--gold-positions", "0", "--analyses", "norms,retrieval", "--output",
                                      "{dir}/r.h5", "--resume"], ["r.h5"], files={"r.h5": open(other, "rb").read()})


def make_masks(c):
    cat = "masks"
    specs = {
        "empty": "", "blank": "   ", "unknown_key": "colour=red", "dims_empty": "dims=", "dims_word": "dims=some",
        "dims_first_no_count": "dims=first", "dims_first_negative": "dims=first-4", "dims_first_beyond": "dims=first99",
        "dims_last_beyond": "dims=last99", "dims_range_reversed": "dims=8..2", "dims_range_beyond": "dims=0..99",
        "dims_index_beyond": "dims=16", "dims_negative": "dims=-1", "heads_beyond_layer": "heads=L9H0 dims=first4",
        "heads_beyond_head": "heads=L0H9 dims=first4", "heads_garbage": "heads=LxHy dims=first4",
        "heads_empty": "heads= dims=first4", "layers_beyond": "layers=5 dims=first4", "prope_above_one": "prope=2",
        "prope_negative": "prope=-0.25", "prope_nan": "prope=nan", "prope_inf": "prope=inf", "prope_word": "prope=half",
        "retrieval_threshold_word": "heads=retrieval>high dims=first4",
        "retrieval_threshold_nan": "heads=retrieval>nan dims=first4",
        "retrieval_without_scores": "heads=retrieval>0.5 dims=first4",
        "utility_without_scores": "dims=utility<0.1", "trailing_plus": "dims=first4 +", "leading_plus": "+ dims=first4",
        "double_plus": "dims=first4 + + dims=last4", "key_twice": "dims=first4 dims=last4", "no_equals": "dims first4",
        "unicode": "dims=first\u2074", "nul_like": "dims=first4\x01", "very_long": "dims=" + ",".join(["1"] * 20000) + ",x",
        "huge_number": "dims=first99999999999999999999", "ablate_with_value": "ablate=yes",
    }
    for name, spec in specs.items():
        c.add(cat, name, ["generate", "--model", "{good}", "--ids", "1,2", "--max-new-tokens", "1", "--mask", spec],
              ["mask '"])
    c.add(cat, "qa_mask_set_empty", ["qa", "--model", "{good}", "--data", "{data}", "--samples", "1", "--mask",
                                     "dims=first4;;dims=last4"], ["mask"])
    c.add(cat, "qa_mask_bad_second", ["qa", "--model", "{good}", "--data", "{data}", "--samples", "1", "--mask",
                                      "dims=first4;dims=first99"], ["first99"])


def make_options(c):
    cat = "options"
    g, d = "{good}", "{data}"
    cases = {
        "unknown_command": (["frobnicate"], ["frobnicate"]),
        "unknown_option": (["info", g, "--colour", "red"], ["--colour"]),
        "option_without_value": (["generate", "--model", g, "--ids"], ["--ids"]),
        "model_missing": (["info", "{dir}/nowhere"], ["nowhere"]),
        "model_is_file": (["info", "{data}"], ["tiny_qa.jsonl"]),
        "model_empty_folder": (["info", "{dir}"], ["config.json"]),
        "model_option_missing": (["norms", "--output", "{out}"], ["--model"]),
        "threads_huge": (["generate", "--model", g, "--ids", "1", "--threads", "100000"], ["--threads"]),
        "threads_negative": (["generate", "--model", g, "--ids", "1", "--threads", "-1"], ["--threads"]),
        "threads_word": (["generate", "--model", g, "--ids", "1", "--threads", "many"], ["--threads"]),
        "threads_float": (["generate", "--model", g, "--ids", "1", "--threads", "1.5"], ["--threads"]),
        "max_new_tokens_negative": (["generate", "--model", g, "--ids", "1", "--max-new-tokens", "-1"],
                                    ["--max-new-tokens"]),
        "max_new_tokens_huge": (["generate", "--model", g, "--ids", "1", "--max-new-tokens", "99999999999"],
                                ["--max-new-tokens"]),
        "ids_empty": (["generate", "--model", g, "--ids", ""], ["--ids"]),
        "ids_word": (["generate", "--model", g, "--ids", "1,two"], ["--ids"]),
        "ids_negative": (["generate", "--model", g, "--ids", "1,-2"], ["token id -2"]),
        "ids_beyond_vocab": (["generate", "--model", g, "--ids", "1,256"], ["256"]),
        "ids_huge": (["forward", "--model", g, "--ids", "1,99999999999999999999", "--output", "{out}"], ["--ids"]),
        "dtype_unknown": (["generate", "--model", g, "--ids", "1", "--dtype", "float8"], ["--dtype"]),
        "device_unknown": (["generate", "--model", g, "--ids", "1", "--device", "tpu"], ["--device"]),
        "device_cuda_missing": (["generate", "--model", g, "--ids", "1", "--device", "cuda:7"], ["--device"]),
        "samples_negative": (["qa", "--model", g, "--data", d, "--samples", "-1"], ["--samples"]),
        "samples_word": (["qa", "--model", g, "--data", d, "--samples", "all"], ["--samples"]),
        "gold_positions_word": (["qa", "--model", g, "--data", d, "--gold-positions", "middle"], ["--gold-positions"]),
        "gold_positions_negative": (["qa", "--model", g, "--data", d, "--gold-positions", "-1"], ["--gold-positions"]),
        "documents_zero": (["qa", "--model", g, "--data", d, "--documents", "0"], ["--documents"]),
        "documents_huge": (["qa", "--model", g, "--data", d, "--documents", "1000000"], ["--documents"]),
        "template_unknown": (["qa", "--model", g, "--data", d, "--template", "chatml9"], ["chatml9"]),
        "answer_cue_unknown": (["qa", "--model", g, "--data", d, "--answer-cue", "maybe"], ["--answer-cue"]),
        "shard_zero_of_zero": (["qa", "--model", g, "--data", d, "--shard", "0/0", "--output", "{out}"], ["--shard"]),
        "shard_beyond": (["qa", "--model", g, "--data", d, "--shard", "3/2", "--output", "{out}"], ["--shard"]),
        "shard_word": (["qa", "--model", g, "--data", d, "--shard", "half", "--output", "{out}"], ["--shard"]),
        "shard_without_output": (["qa", "--model", g, "--data", d, "--shard", "0/2"], ["--output"]),
        "resume_without_output": (["qa", "--model", g, "--data", d, "--resume"], ["--output"]),
        "output_in_missing_folder": (["norms", "--model", g, "--output", "{dir}/no/such/folder/r.h5"], ["no/such"]),
        "output_is_folder": (["norms", "--model", g, "--output", "{dir}"], ["{dir}", "is a folder"]),
        "output_in_proc": (["forward", "--model", g, "--ids", "1,2", "--output", "/proc/ropescope.h5"], ["/proc"]),
        "toy_output_is_folder": (["toy", "--epochs", "1", "--output", "{dir}"], ["is a folder"]),
        "merge_output_missing_folder": (["merge", "--output", "{dir}/none/m.h5", "{dir}/a.h5"], ["none"]),
        "token_samples_zero": (["analyze", "--model", g, "--data", d, "--token-samples", "0", "--output", "{out}"],
                               ["--token-samples"]),
        "ablate_top_negative": (["analyze", "--model", g, "--data", d, "--ablate-top", "-1", "--output", "{out}"],
                                ["--ablate-top"]),
        "analyses_unknown": (["analyze", "--model", g, "--data", d, "--analyses", "norms,astrology", "--output",
                              "{out}"], ["astrology"]),
        "analyze_without_output": (["analyze", "--model", g, "--data", d], ["--output"]),
        "merge_nothing": (["merge", "--output", "{out}"], ["merge"]),
        "merge_missing_shard": (["merge", "--output", "{out}", "{dir}/a.h5", "{dir}/b.h5"], ["a.h5"]),
        "tokenize_no_tokenizer": (["tokenize", "--tokenizer", "{dir}/none.json", "--text", "x"], ["none.json"]),
        "train_demo_steps_negative": (["train-demo", "--output", "{dir}/m", "--steps", "-5"], ["--steps"]),
        "train_demo_lr_nan": (["train-demo", "--output", "{dir}/m", "--learning-rate", "nan"], ["--learning-rate"]),
        "train_demo_lr_negative": (["train-demo", "--output", "{dir}/m", "--learning-rate", "-0.1"],
                                   ["--learning-rate"]),
        "train_demo_head_dim_odd": (["train-demo", "--output", "{dir}/m", "--head-dim", "7"], ["--head-dim"]),
        "train_demo_kv_heads_not_dividing": (["train-demo", "--output", "{dir}/m", "--kv-heads", "3"], ["--kv-heads"]),
        "train_demo_layers_zero": (["train-demo", "--output", "{dir}/m", "--layers", "0"], ["--layers"]),
        "train_demo_hidden_huge": (["train-demo", "--output", "{dir}/m", "--hidden", "99999999"], ["--hidden"]),
        "train_demo_copy_fraction_one": (["train-demo", "--output", "{dir}/m", "--copy-fraction", "1"],
                                         ["--copy-fraction"]),
        "train_demo_recall_pairs_beyond": (["train-demo", "--output", "{dir}/m", "--recall-pairs", "99"],
                                           ["--recall-pairs"]),
        "train_demo_batch_zero": (["train-demo", "--output", "{dir}/m", "--batch-size", "0"], ["--batch-size"]),
        "train_demo_rope_maybe": (["train-demo", "--output", "{dir}/m", "--rope", "maybe"], ["--rope"]),
        "toy_epochs_negative": (["toy", "--epochs", "-1", "--output", "{out}"], ["--epochs"]),
        "toy_samples_zero": (["toy", "--samples-per-epoch", "0", "--output", "{out}"], ["--samples-per-epoch"]),
        "toy_eval_samples_huge": (["toy", "--eval-samples", "99999999999", "--output", "{out}"], ["--eval-samples"]),
        "toy_rope_maybe": (["toy", "--rope", "maybe", "--output", "{out}"], ["--rope"]),
        "make_demo_data_samples_negative": (["make-demo-data", "--output", "{dir}/d.jsonl", "--samples", "-3"],
                                            ["--samples"]),
        "make_demo_data_gold_beyond": (["make-demo-data", "--output", "{dir}/d.jsonl", "--samples", "2",
                                        "--gold-position", "20"], ["--gold-position"]),
    }
    for name, (args, expect) in cases.items():
        # An unusable output is found before any work is done.
        absent = ["projection row norms", "epoch"] if "output" in name else None
        c.add(cat, name, args, expect, absent=absent)
    # The model folder itself a broken link.
    c.add(cat, "model_symlink_loop", ["info", "{dir}/m"], ["loop of symbolic links"], files={"m": ("symlink", "m")})
    c.add(cat, "model_dangling_symlink", ["norms", "--model", "{dir}/m", "--output", "{out}"], ["'gone'"],
          files={"m": ("symlink", "gone")})


def make(out, cli, fixtures, data):
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    c = Corpus(out, cli, fixtures, data)
    for maker in (make_safetensors, make_config, make_index, make_tokenizer, make_qa_data, make_results, make_masks,
                  make_options):
        maker(c)
    counts = c.write_manifest()
    total = sum(counts.values())
    print("bad-input corpus: %d cases (%s)" % (total, ", ".join("%s %d" % kv for kv in counts.items())))
    if total < MIN_CASES:
        print("the corpus holds fewer than %d cases" % MIN_CASES)
        return 1
    return 0


# --- running it -----------------------------------------------------------------------------

def check(case, code, sig, timed_out, output, peak):
    problems = []
    if timed_out:
        problems.append("hung (killed after %g s)" % TIME_LIMIT_S)
    elif sig:
        problems.append("killed by signal %d" % sig)
    elif code == 0:
        problems.append("accepted (exit 0)")
    for text in case["expect"]:
        if text not in output:
            problems.append("the message does not name %r" % text)
    for text in case.get("absent", []):
        if text in output:
            problems.append("the output shows %r (work done before the error)" % text)
    if peak > PEAK_RSS_LIMIT_KIB:
        problems.append("peak memory %d MiB" % (peak // 1024))
    for internal in ("nexpected error", "std::", "copyIntoArray", "basic_string", "terminate called", "Traceback"):
        if internal in output:
            problems.append("the message shows %r" % internal)
    if len(output) > 8192:
        problems.append("%d bytes of output" % len(output))
    if not output.strip():
        problems.append("no message")
    return problems


def run(out, cli, category):
    manifest = json.load(open(os.path.join(out, "cases.json")))
    cases = [k for k in manifest["cases"] if k["category"] == category]
    if not cases:
        print("no cases in category " + category)
        return 1
    failures, peak_max, slowest = 0, 0, (0.0, "")
    for case in cases:
        start = time.monotonic()
        code, sig, timed_out, output, peak = run_cli(cli, case["args"])
        seconds = time.monotonic() - start
        peak_max = max(peak_max, peak)
        slowest = max(slowest, (seconds, case["name"]))
        problems = check(case, code, sig, timed_out, output, peak)
        first_line = output.strip().splitlines()[0] if output.strip() else ""
        if problems:
            failures += 1
            print("FAIL %s/%s: %s\n  args: %s\n  output: %s" % (category, case["name"], "; ".join(problems),
                                                               " ".join(case["args"])[:400], output.strip()[:1200]))
        else:
            print("ok   %s/%s (exit %d, %.2f s, %d MiB): %s" % (category, case["name"], code, seconds, peak // 1024,
                                                               first_line[:200]))
    print("%s: %d cases, %d failed; peak memory at most %d MiB; slowest %.2f s (%s)"
          % (category, len(cases), failures, peak_max // 1024, slowest[0], slowest[1]))
    return 1 if failures else 0


def main(argv):
    if len(argv) == 6 and argv[1] == "make":
        return make(*argv[2:])
    if len(argv) == 5 and argv[1] == "run":
        return run(*argv[2:])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
