// What the window has loaded.
#include "app/session.h"

#include <algorithm>
#include "engine/io/results_io.h"

namespace ropescope::app {

const Session::Source* Session::shown() const {
  return m_shown >= 0 && m_shown < static_cast<int>(m_sources.size()) ? &m_sources[static_cast<std::size_t>(m_shown)]
                                                                      : nullptr;
}

void Session::show(int index) {
  if (index >= 0 && index < static_cast<int>(m_sources.size())) m_shown = index;
}

const Session::Source* Session::live() const {
  const auto it = std::find_if(m_sources.begin(), m_sources.end(), [](const Source& s) { return s.live; });
  return it == m_sources.end() ? nullptr : &*it;
}

void Session::setLive(const QString& folder, const QString& data, engine::ResultsFile results) {
  dropLive();
  // The same folder opened again replaces its earlier results rather than adding a twin.
  m_sources.erase(
      std::remove_if(m_sources.begin(), m_sources.end(), [&](const Source& s) { return !s.live && s.path == folder; }),
      m_sources.end());
  m_sources.insert(m_sources.begin(), Source{folder, std::move(results), true, data, {}});
  m_shown = 0;
}

void Session::addToLive(const engine::ResultsFile& results) {
  for (auto& s : m_sources)
    if (s.live) overlayResults(s.results, results);
}

void Session::dropLive() {
  for (auto& s : m_sources) s.live = false;
}

Session::Added Session::addFile(const QString& path, const engine::ResultsFile& results) {
  for (std::size_t i = 0; i < m_sources.size(); ++i) {
    auto& s = m_sources[i];
    if (s.live && sameModel(s.results.info, results.info)) {
      overlayResults(s.results, results);
      if (!s.merged.contains(path)) s.merged.append(path);
      m_shown = static_cast<int>(i);
      return Added::ToLive;
    }
  }
  for (std::size_t i = 0; i < m_sources.size(); ++i)
    if (!m_sources[i].live && m_sources[i].path == path) {
      m_sources[i].results = results;
      m_shown = static_cast<int>(i);
      return Added::Replaced;
    }
  m_sources.push_back(Source{path, results, false, {}, {}});
  m_shown = static_cast<int>(m_sources.size()) - 1;
  return Added::Beside;
}

bool Session::sameModel(const engine::RunInfo& a, const engine::RunInfo& b) { return engine::sameModel(a, b); }

void overlayResults(engine::ResultsFile& base, const engine::ResultsFile& extra) {
  if (extra.weights && (!base.weights || extra.weights->complete())) base.weights = extra.weights;
  for (const auto& [path, array] : extra.arrays) base.arrays.insert_or_assign(path, array);
  for (const auto& [path, strings] : extra.strings) base.strings.insert_or_assign(path, strings);
  for (const auto& [group, attributes] : extra.groupAttributes)
    for (const auto& [name, value] : attributes) base.groupAttributes[group][name] = value;
}

}  // namespace ropescope::app
