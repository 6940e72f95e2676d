// Tests of the Sample page: presets from head_dim, the prompt with its gold document, run rows
// and the figure from given answers, requests as signals, export. GUI thread.
#include <gtest/gtest.h>

#include <QFile>
#include <QImage>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include "widget_test_support.h"
#include "widgets/qa_sample_view.h"

namespace ropescope::widgets {
namespace {

using namespace test;

engine::QaSamplePrompt prompt(int index) {
  engine::QaSamplePrompt p;
  p.index = index;
  p.line = 7;
  p.question = "where does person 4 live?";
  p.answers = {"Lima", "Lima, Peru"};
  p.goldIndex = 1;
  const std::string docs[] = {"Document [1](Title: A) Oslo.", "Document [2](Title: B) Lima – Perú.",
                              "Document [3](Title: C) Kiev."};
  p.text = "Write an answer.\n\n";
  for (const auto& d : docs) {
    p.documents.push_back(
        {static_cast<std::int64_t>(p.text.size()), static_cast<std::int64_t>(p.text.size() + d.size())});
    p.text += d + "\n";
  }
  p.text += "\nQuestion: where does person 4 live?\nAnswer:";
  p.tokens = 42;
  return p;
}

engine::QaSampleAnswer answer(int index, const std::string& mask, const std::string& text, bool correct) {
  engine::QaSampleAnswer a;
  a.prompt = prompt(index);
  a.mask = mask;
  a.answer = text;
  a.correct = correct;
  a.maskedHeads = 3;
  a.massHeads = engine::MassHeads::RetrievalAbove;
  a.retrievalHeads = {{0, 1}, {1, 2}};
  a.retrievalMass = {0.1f, 0.6f, 0.2f};
  return a;
}

TEST(QaSampleView, PresetsAreTheFirstAndLastEighthAndQuarterOfHeadDim) {
  EXPECT_EQ(QaSampleView::presetMasks(16),
            (QStringList{"none", "heads=retrieval>0.5 dims=first2", "heads=retrieval>0.5 dims=last2",
                         "heads=retrieval>0.5 dims=first4", "heads=retrieval>0.5 dims=last4"}));
  EXPECT_EQ(QaSampleView::presetMasks(128),
            (QStringList{"none", "heads=retrieval>0.5 dims=first16", "heads=retrieval>0.5 dims=last16",
                         "heads=retrieval>0.5 dims=first32", "heads=retrieval>0.5 dims=last32"}));
  EXPECT_EQ(QaSampleView::presetMasks(4),
            (QStringList{"none", "heads=retrieval>0.5 dims=first1", "heads=retrieval>0.5 dims=last1"}));
  QaSampleView view;
  view.setSamples(5, 64, true);
  EXPECT_EQ(view.presets().at(1), "heads=retrieval>0.5 dims=first8");
  EXPECT_EQ(view.presets().at(4), "heads=retrieval>0.5 dims=last16");
}

TEST(QaSampleView, WithoutSamplesThePageIsEmpty) {
  QaSampleView view;
  EXPECT_FALSE(view.hasData());
  EXPECT_FALSE(view.setResults(fullResults()));
  EXPECT_EQ(view.currentSample(), -1);
  EXPECT_FALSE(view.unavailableText().isEmpty());
  QSignalSpy runs(&view, &QaSampleView::runRequested);
  view.run();
  EXPECT_EQ(runs.count(), 0);
}

TEST(QaSampleView, AsksForTheSelectedSamplesPromptAndMarksItsGoldDocument) {
  QaSampleView view;
  QSignalSpy requested(&view, &QaSampleView::sampleRequested);
  view.setSamples(40, 16, true);
  EXPECT_TRUE(view.hasData());
  EXPECT_TRUE(view.setResults(fullResults()));
  ASSERT_EQ(requested.count(), 1);
  EXPECT_EQ(requested.at(0).at(0).toInt(), 0);
  view.setCurrentSample(12);
  ASSERT_EQ(requested.count(), 2);
  EXPECT_EQ(requested.at(1).at(0).toInt(), 12);

  view.setPrompt(prompt(3));  // not the one selected: ignored
  EXPECT_TRUE(view.promptPlainText().isEmpty());
  view.setPrompt(prompt(12));
  EXPECT_EQ(view.goldDocumentText(), QString::fromUtf8("Document [2](Title: B) Lima – Perú."));
  EXPECT_TRUE(view.promptPlainText().contains("Question: where does person 4 live?"));
  EXPECT_TRUE(view.promptPlainText().contains("Document [3](Title: C) Kiev."));
  EXPECT_TRUE(view.sampleLabelText().contains("gold document 2 of 3")) << view.sampleLabelText().toStdString();
  EXPECT_TRUE(view.sampleLabelText().contains("42 prompt tokens"));
  EXPECT_EQ(view.answersText(), "Correct answer: Lima | Lima, Peru");
}

TEST(QaSampleView, RunAsksForTheMaskAndAnAnswerAddsARow) {
  QaSampleView view;
  view.setSamples(40, 16, true);
  view.setCurrentSample(4);
  QSignalSpy runs(&view, &QaSampleView::runRequested);
  EXPECT_EQ(view.maskText(), "none");
  view.setMaskText("  ");
  view.run();  // empty means no mask
  view.setMaskText("heads=retrieval>0.5 dims=first2");
  auto* edit = view.findChild<QLineEdit*>();
  ASSERT_NE(edit, nullptr);
  QTest::keyClick(edit, Qt::Key_Return);  // Enter runs too
  ASSERT_EQ(runs.count(), 2);
  EXPECT_EQ(runs.at(0).at(0).toInt(), 4);
  EXPECT_EQ(runs.at(0).at(1).toString(), "none");
  EXPECT_EQ(runs.at(1).at(1).toString(), "heads=retrieval>0.5 dims=first2");
  EXPECT_TRUE(view.running());

  view.addAnswer(answer(4, "none", " Lima\nmore text", true), 123.4);
  view.addAnswer(answer(4, "heads=retrieval>0.5 dims=first2", "Oslo", false), 87.6);
  EXPECT_FALSE(view.running());
  ASSERT_EQ(view.runCount(), 2);
  EXPECT_EQ(view.runCell(0, 0), "5");
  EXPECT_EQ(view.runCell(0, 1), "none");
  EXPECT_EQ(view.runCell(0, 2), "Lima");  // the first line
  EXPECT_EQ(view.runCell(0, 3), QString::fromUtf8("✓"));
  EXPECT_EQ(view.runCell(0, 4), "123");
  EXPECT_EQ(view.runCell(1, 1), "heads=retrieval>0.5 dims=first2");
  EXPECT_EQ(view.runCell(1, 2), "Oslo");
  EXPECT_EQ(view.runCell(1, 3), QString::fromUtf8("✗"));
  EXPECT_EQ(view.runCell(1, 4), "88");

  // The figure shows the newest run: mass per document, 1-based.
  const auto bars = view.barPoints();
  ASSERT_EQ(bars.size(), 3u);
  EXPECT_EQ(bars[0].first, 1.0);
  EXPECT_NEAR(bars[0].second, 0.1, 1e-6);
  EXPECT_NEAR(bars[1].second, 0.6, 1e-6);
  EXPECT_NEAR(bars[2].second, 0.2, 1e-6);
  EXPECT_TRUE(view.title().contains("heads=retrieval>0.5 dims=first2"));
  EXPECT_TRUE(view.title().contains("L0H1, L1H2")) << view.title().toStdString();

  // A new model clears the runs.
  view.setSamples(3, 128, true);
  EXPECT_EQ(view.runCount(), 0);
  EXPECT_TRUE(view.barPoints().empty());
}

TEST(QaSampleView, AFailedRunEndsTheWait) {
  QaSampleView view;
  view.setSamples(2, 16, false);
  view.run();
  EXPECT_TRUE(view.running());
  view.runFailed();
  EXPECT_FALSE(view.running());
  EXPECT_EQ(view.runCount(), 0);
}

TEST(QaSampleView, ExportsTheFigureAsPngAndSvg) {
  QaSampleView view;
  ASSERT_TRUE(layOut(view, QSize(900, 600)));
  view.setSamples(2, 16, true);
  view.addAnswer(answer(0, "none", "Lima", true), 10);
  QTemporaryDir dir;
  QString error;
  ASSERT_TRUE(view.exportTo(dir.filePath("f.png"), ExportFormat::Png, QSize(500, 300), 2.0, &error))
      << error.toStdString();
  EXPECT_EQ(QImage(dir.filePath("f.png")).size(), QSize(1000, 600));
  ASSERT_TRUE(view.exportTo(dir.filePath("f.svg"), ExportFormat::Svg, QSize(500, 300), 1.0, &error))
      << error.toStdString();
  QFile svg(dir.filePath("f.svg"));
  ASSERT_TRUE(svg.open(QIODevice::ReadOnly));
  QXmlStreamReader xml(&svg);
  QString root;
  while (!xml.atEnd()) {
    xml.readNext();
    if (xml.isStartElement() && root.isEmpty()) root = xml.name().toString();
  }
  EXPECT_FALSE(xml.hasError()) << xml.errorString().toStdString();
  EXPECT_EQ(root, "svg");
}

}  // namespace
}  // namespace ropescope::widgets
