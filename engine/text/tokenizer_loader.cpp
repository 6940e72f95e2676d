// Reading tokenizer.json into a Tokenizer: every field checked, an Error naming the file and the
// field for anything malformed or unsupported.
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "engine/core/error.h"
#include "engine/core/json_io.h"
#include "engine/text/tokenizer.h"
#include "engine/text/tokenizer_impl.h"

namespace ropescope::engine {

namespace {

using Json = nlohmann::json;

// ---- reading tokenizer.json ----

class Loader {
 public:
  explicit Loader(std::string file) : m_file(std::move(file)) {}

  [[noreturn]] void malformed(const std::string& where, const std::string& message) const {
    throw Error(ErrorCode::Format, m_file, where + ": " + message);
  }
  [[noreturn]] void unsupported(const std::string& message) const {
    throw Error(ErrorCode::Unsupported, m_file, message);
  }

  const Json* find(const Json& obj, const char* key) const {
    const auto it = obj.find(key);
    return it == obj.end() || it->is_null() ? nullptr : &*it;
  }
  std::string string(const Json& obj, const char* key, const std::string& where) const {
    const Json* v = find(obj, key);
    if (!v || !v->is_string()) malformed(where, std::string("field '") + key + "' must be a string");
    return v->get<std::string>();
  }
  std::optional<std::string> optionalString(const Json& obj, const char* key, const std::string& where) const {
    const Json* v = find(obj, key);
    if (!v) return std::nullopt;
    if (!v->is_string()) malformed(where, std::string("field '") + key + "' must be a string or null");
    return v->get<std::string>();
  }
  bool flag(const Json& obj, const char* key, bool fallback, const std::string& where) const {
    const Json* v = find(obj, key);
    if (!v) return fallback;
    if (!v->is_boolean()) malformed(where, std::string("field '") + key + "' must be true or false");
    return v->get<bool>();
  }
  std::int64_t integer(const Json& obj, const char* key, const std::string& where) const {
    const Json* v = find(obj, key);
    if (!v || !v->is_number_integer()) malformed(where, std::string("field '") + key + "' must be an integer");
    return v->get<std::int64_t>();
  }
  const Json& array(const Json& obj, const char* key, const std::string& where) const {
    const Json* v = find(obj, key);
    if (!v || !v->is_array()) malformed(where, std::string("field '") + key + "' must be a list");
    return *v;
  }
  std::string typeOf(const Json& spec, const std::string& where) const {
    if (!spec.is_object()) malformed(where, "must be a JSON object");
    return string(spec, "type", where);
  }
  // A single character (as Metaspace's replacement and Strip's content are).
  char32_t character(const Json& obj, const char* key, const std::string& where) const {
    const std::string s = string(obj, key, where);
    const auto cps = codePoints(s);
    if (cps.size() != 1) malformed(where, std::string("field '") + key + "' must be one character");
    return cps[0];
  }

  unicode::Regex pattern(const Json& obj, const std::string& where) const {
    const Json* p = find(obj, "pattern");
    if (!p || !p->is_object()) malformed(where, "field 'pattern' must be {\"String\": ...} or {\"Regex\": ...}");
    if (const Json* s = find(*p, "String"); s && s->is_string()) return unicode::Regex::literal(s->get<std::string>());
    if (const Json* r = find(*p, "Regex"); r && r->is_string()) {
      try {
        return unicode::Regex::pattern(r->get<std::string>());
      } catch (const std::invalid_argument& e) {
        unsupported(where + ": regex " + r->dump() + " is not supported (" + e.what() + ")");
      }
    }
    malformed(where, "field 'pattern' must be {\"String\": ...} or {\"Regex\": ...}");
  }

  PrependScheme prependScheme(const Json& spec, const std::string& where) const {
    const auto scheme = optionalString(spec, "prepend_scheme", where);
    if (const Json* legacy = find(spec, "add_prefix_space"); legacy && legacy->is_boolean() && !legacy->get<bool>())
      return PrependScheme::Never;  // the pre-0.19 spelling
    if (!scheme || *scheme == "always") return PrependScheme::Always;
    if (*scheme == "first") return PrependScheme::First;
    if (*scheme == "never") return PrependScheme::Never;
    malformed(where, "prepend_scheme '" + *scheme + "' is not first, always or never");
  }

  std::unique_ptr<Normalizer> normalizer(const Json& spec) const {
    const std::string where = "normalizer";
    const std::string type = typeOf(spec, where);
    if (type == "NFC") return std::make_unique<UnicodeFormNormalizer>(unicode::NormalForm::NFC);
    if (type == "NFD") return std::make_unique<UnicodeFormNormalizer>(unicode::NormalForm::NFD);
    if (type == "NFKC") return std::make_unique<UnicodeFormNormalizer>(unicode::NormalForm::NFKC);
    if (type == "NFKD") return std::make_unique<UnicodeFormNormalizer>(unicode::NormalForm::NFKD);
    if (type == "Lowercase") return std::make_unique<LowercaseNormalizer>();
    if (type == "StripAccents") return std::make_unique<StripAccentsNormalizer>();
    if (type == "Strip")
      return std::make_unique<StripNormalizer>(flag(spec, "strip_left", true, where),
                                               flag(spec, "strip_right", true, where));
    if (type == "Prepend") return std::make_unique<PrependNormalizer>(string(spec, "prepend", where + " Prepend"));
    if (type == "Replace")
      return std::make_unique<ReplaceNormalizer>(pattern(spec, where + " Replace"),
                                                 string(spec, "content", where + " Replace"));
    if (type == "Sequence") {
      std::vector<std::unique_ptr<Normalizer>> steps;
      for (const auto& s : array(spec, "normalizers", where + " Sequence")) steps.push_back(normalizer(s));
      return std::make_unique<SequenceNormalizer>(std::move(steps));
    }
    unsupported("normalizer type '" + type + "' is not supported");
  }

  std::unique_ptr<PreTokenizer> preTokenizer(const Json& spec) const {
    const std::string where = "pre_tokenizer";
    const std::string type = typeOf(spec, where);
    if (type == "Split") {
      static const std::unordered_map<std::string, SplitBehavior> kBehaviors = {
          {"Removed", SplitBehavior::Removed},
          {"Isolated", SplitBehavior::Isolated},
          {"MergedWithPrevious", SplitBehavior::MergedWithPrevious},
          {"MergedWithNext", SplitBehavior::MergedWithNext},
          {"Contiguous", SplitBehavior::Contiguous}};
      const std::string behavior = string(spec, "behavior", where + " Split");
      const auto it = kBehaviors.find(behavior);
      if (it == kBehaviors.end()) malformed(where + " Split", "unknown behavior '" + behavior + "'");
      return std::make_unique<SplitPreTokenizer>(pattern(spec, where + " Split"), it->second,
                                                 flag(spec, "invert", false, where + " Split"));
    }
    if (type == "ByteLevel")
      return std::make_unique<ByteLevelPreTokenizer>(flag(spec, "add_prefix_space", true, where),
                                                     flag(spec, "use_regex", true, where));
    if (type == "Metaspace") {
      const std::string replacement = fromCodePoints(std::u32string(1, character(spec, "replacement", where)));
      return std::make_unique<MetaspacePreTokenizer>(replacement, prependScheme(spec, where),
                                                     flag(spec, "split", true, where));
    }
    if (type == "Digits")
      return std::make_unique<SplitPreTokenizer>(
          unicode::Regex::pattern(flag(spec, "individual_digits", false, where) ? "\\p{N}" : "\\p{N}+"),
          SplitBehavior::Isolated, false);
    if (type == "WhitespaceSplit")
      return std::make_unique<SplitPreTokenizer>(unicode::Regex::pattern("\\s"), SplitBehavior::Removed, false);
    if (type == "Sequence") {
      std::vector<std::unique_ptr<PreTokenizer>> steps;
      for (const auto& s : array(spec, "pretokenizers", where + " Sequence")) steps.push_back(preTokenizer(s));
      return std::make_unique<SequencePreTokenizer>(std::move(steps));
    }
    unsupported("pre-tokenizer type '" + type + "' is not supported");
  }

  std::unique_ptr<PostProcessor> postProcessor(const Json& spec) const {
    const std::string where = "post_processor";
    const std::string type = typeOf(spec, where);
    if (type == "ByteLevel")
      return std::make_unique<SequencePostProcessor>(
          std::vector<std::unique_ptr<PostProcessor>>{});  // offsets only: the ids stay as they are
    if (type == "TemplateProcessing") return templateProcessing(spec);
    if (type == "RobertaProcessing" || type == "BertProcessing") {
      const auto special = [&](const char* key) {
        const Json& pair = array(spec, key, where + " " + type);
        if (pair.size() != 2 || !pair[1].is_number_integer())
          malformed(where + " " + type, std::string("field '") + key + "' must be [token, id]");
        return std::vector<std::int64_t>{pair[1].get<std::int64_t>()};
      };
      std::vector<std::optional<std::vector<std::int64_t>>> items;
      items.emplace_back(special("cls"));
      items.emplace_back(std::nullopt);
      items.emplace_back(special("sep"));
      return std::make_unique<TemplatePostProcessor>(std::move(items));
    }
    if (type == "Sequence") {
      std::vector<std::unique_ptr<PostProcessor>> steps;
      for (const auto& s : array(spec, "processors", where + " Sequence")) steps.push_back(postProcessor(s));
      return std::make_unique<SequencePostProcessor>(std::move(steps));
    }
    unsupported("post-processor type '" + type + "' is not supported");
  }

  std::unique_ptr<PostProcessor> templateProcessing(const Json& spec) const {
    const std::string where = "post_processor TemplateProcessing";
    const Json* specials = find(spec, "special_tokens");
    std::vector<std::optional<std::vector<std::int64_t>>> items;
    for (const auto& item : array(spec, "single", where)) {
      if (!item.is_object() || item.size() != 1) malformed(where, "template items must be single-key objects");
      if (const Json* seq = find(item, "Sequence")) {
        if (!seq->is_object() || string(*seq, "id", where) != "A")
          malformed(where, "the single template can only hold sequence A");
        items.emplace_back(std::nullopt);
      } else if (const Json* tok = find(item, "SpecialToken")) {
        if (!tok->is_object()) malformed(where, "SpecialToken must be an object");
        const std::string name = string(*tok, "id", where);
        const Json* entry = specials && specials->is_object() ? find(*specials, name.c_str()) : nullptr;
        if (!entry || !entry->is_object()) malformed(where, "special token '" + name + "' is not in special_tokens");
        std::vector<std::int64_t> ids;
        for (const auto& id : array(*entry, "ids", where)) {
          if (!id.is_number_integer()) malformed(where, "ids of '" + name + "' must be integers");
          ids.push_back(id.get<std::int64_t>());
        }
        items.emplace_back(std::move(ids));
      } else {
        malformed(where, "template item " + item.dump() + " is neither Sequence nor SpecialToken");
      }
    }
    return std::make_unique<TemplatePostProcessor>(std::move(items));
  }

  std::unique_ptr<Decoder> decoder(const Json& spec) const {
    const std::string where = "decoder";
    const std::string type = typeOf(spec, where);
    if (type == "ByteLevel") return std::make_unique<ByteLevelDecoder>();
    if (type == "ByteFallback") return std::make_unique<ByteFallbackDecoder>();
    if (type == "Fuse") return std::make_unique<FuseDecoder>();
    if (type == "Replace")
      return std::make_unique<ReplaceDecoder>(pattern(spec, where + " Replace"),
                                              string(spec, "content", where + " Replace"));
    if (type == "Strip") {
      const auto count = [&](const char* key) {
        const std::int64_t n = integer(spec, key, where + " Strip");
        if (n < 0) malformed(where + " Strip", std::string("field '") + key + "' must not be negative");
        return static_cast<std::size_t>(n);
      };
      return std::make_unique<StripDecoder>(character(spec, "content", where + " Strip"), count("start"),
                                            count("stop"));
    }
    if (type == "Metaspace")
      return std::make_unique<MetaspaceDecoder>(character(spec, "replacement", where), prependScheme(spec, where));
    if (type == "Sequence") {
      std::vector<std::unique_ptr<Decoder>> steps;
      for (const auto& s : array(spec, "decoders", where + " Sequence")) steps.push_back(decoder(s));
      return std::make_unique<SequenceDecoder>(std::move(steps));
    }
    unsupported("decoder type '" + type + "' is not supported");
  }

  std::unique_ptr<BpeModel> model(const Json& root) const {
    const std::string where = "model";
    const Json* spec = find(root, "model");
    if (!spec || !spec->is_object()) malformed(where, "missing or not a JSON object");
    const auto type = optionalString(*spec, "type", where);
    if (type && *type != "BPE") unsupported("model type '" + *type + "' is not supported (only BPE)");
    if (!type && !spec->contains("merges")) unsupported("model without a type and without merges is not BPE");
    if (const Json* dropout = find(*spec, "dropout"); dropout && (!dropout->is_number() || dropout->get<double>() > 0))
      unsupported("BPE dropout (random segmentation) is not supported");

    const Json* vocabJson = find(*spec, "vocab");
    if (!vocabJson || !vocabJson->is_object()) malformed(where, "field 'vocab' must be a JSON object");
    StringMap<std::int32_t> vocab;
    vocab.reserve(vocabJson->size());
    for (const auto& [token, id] : vocabJson->items()) {
      if (!id.is_number_integer() || id.get<std::int64_t>() < 0 || id.get<std::int64_t>() >= (1LL << 31) - 1)
        malformed(where, "vocab id of '" + token + "' must be a non-negative integer");
      vocab.emplace(token, static_cast<std::int32_t>(id.get<std::int64_t>()));
    }

    std::vector<std::pair<std::string_view, std::string_view>> merges;  // views into `root`
    if (const Json* mergesJson = find(*spec, "merges")) {
      if (!mergesJson->is_array()) malformed(where, "field 'merges' must be a list");
      merges.reserve(mergesJson->size());
      for (const auto& m : *mergesJson) {
        if (m.is_string()) {
          const auto& s = m.get_ref<const std::string&>();
          const auto space = s.find(' ');
          if (space == std::string::npos)
            malformed(where, "merge " + std::to_string(merges.size()) + " '" + s + "' is not \"a b\"");
          merges.emplace_back(std::string_view(s).substr(0, space), std::string_view(s).substr(space + 1));
        } else if (m.is_array() && m.size() == 2 && m[0].is_string() && m[1].is_string()) {
          merges.emplace_back(m[0].get_ref<const std::string&>(), m[1].get_ref<const std::string&>());
        } else {
          malformed(where, "merge " + std::to_string(merges.size()) + " must be \"a b\" or [\"a\", \"b\"]");
        }
      }
    }

    BpeOptions options;
    options.unkToken = optionalString(*spec, "unk_token", where);
    options.continuingSubwordPrefix = optionalString(*spec, "continuing_subword_prefix", where).value_or("");
    options.endOfWordSuffix = optionalString(*spec, "end_of_word_suffix", where).value_or("");
    options.fuseUnk = flag(*spec, "fuse_unk", false, where);
    options.byteFallback = flag(*spec, "byte_fallback", false, where);
    options.ignoreMerges = flag(*spec, "ignore_merges", false, where);
    try {
      return std::make_unique<BpeModel>(std::move(vocab), merges, std::move(options));
    } catch (const std::invalid_argument& e) {
      malformed(where, e.what());
    }
  }

  std::vector<AddedToken> addedTokens(const Json& root) const {
    const std::string where = "added_tokens";
    std::vector<AddedToken> tokens;
    const Json* list = find(root, "added_tokens");
    if (!list) return tokens;
    if (!list->is_array()) malformed(where, "must be a list");
    for (const auto& t : *list) {
      if (!t.is_object()) malformed(where, "entries must be JSON objects");
      AddedToken a;
      a.content = string(t, "content", where);
      a.id = static_cast<std::int32_t>(integer(t, "id", where));
      a.special = flag(t, "special", false, where);
      a.lstrip = flag(t, "lstrip", false, where);
      a.rstrip = flag(t, "rstrip", false, where);
      a.singleWord = flag(t, "single_word", false, where);
      a.normalized = flag(t, "normalized", !a.special, where);
      tokens.push_back(std::move(a));
    }
    return tokens;
  }

 private:
  std::string m_file;
};

}  // namespace

Tokenizer Tokenizer::load(const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::path file = path;
  if (std::filesystem::is_directory(path, ec)) {
    file = path / "tokenizer.json";
    if (!hasEntry(file)) throw Error(ErrorCode::NotFound, path.string(), "folder has no tokenizer.json");
  }
  return fromJson(readJsonFile(file), file);
}

Tokenizer Tokenizer::fromJsonText(std::string_view text, const std::filesystem::path& source) {
  return fromJson(parseJsonText(text, source.string()), source);
}

Tokenizer Tokenizer::fromJson(const nlohmann::json& root, const std::filesystem::path& file) {
  const Loader loader(file.string());
  if (!root.is_object()) loader.malformed("tokenizer.json", "the top level is not a JSON object");

  auto impl = std::make_shared<Impl>();
  impl->file = file;
  try {
    impl->model = loader.model(root);
    if (const Json* n = loader.find(root, "normalizer")) impl->normalizer = loader.normalizer(*n);
    if (const Json* p = loader.find(root, "pre_tokenizer")) impl->preTokenizer = loader.preTokenizer(*p);
    if (const Json* p = loader.find(root, "post_processor")) impl->postProcessor = loader.postProcessor(*p);
    if (const Json* d = loader.find(root, "decoder")) impl->decoder = loader.decoder(*d);
    std::int64_t modelEntries = 0;
    for (std::int64_t id = 0; id < impl->model->idLimit(); ++id) modelEntries += impl->model->tokenText(id) ? 1 : 0;
    impl->addTokens(loader.addedTokens(root), modelEntries);
    impl->buildMatchers();
  } catch (const nlohmann::json::exception& e) {
    loader.malformed("tokenizer.json", std::string("unexpected structure (") + e.what() + ")");
  }

  impl->vocabSize = impl->model->idLimit();
  for (const auto& t : impl->added) impl->vocabSize = std::max<std::int64_t>(impl->vocabSize, t.id + 1);
  return Tokenizer(std::move(impl));
}

}  // namespace ropescope::engine
