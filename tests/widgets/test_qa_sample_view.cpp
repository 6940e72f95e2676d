// Tests of the Sample page: presets from head_dim, the prompt with its gold document, run rows
// and the figure from given answers, requests as signals, export. GUI thread.
#include <gtest/gtest.h>

#include <QFile>
#include <QImage>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include "app/engine_mask_codec.h"
#include "widget_test_support.h"
#include "widgets/mask_editor.h"
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

// Attention per document of retrieval heads L0H1 and L1H2 (the others look elsewhere): their
// mean is `mass`.
engine::QaSampleAnswer answer(int index, const std::string& mask, const std::string& text, bool correct,
                              std::vector<float> mass = {0.1f, 0.6f, 0.2f}) {
  engine::QaSampleAnswer a;
  a.prompt = prompt(index);
  a.mask = mask;
  a.answer = text;
  a.correct = correct;
  a.maskedHeads = 3;
  a.goldLogProb = correct ? -0.25 : -3.5;
  a.goldToken = " Lima";
  a.massHeads = engine::MassHeads::RetrievalAbove;
  a.retrievalHeads = {{0, 1}, {1, 2}};
  a.documentMass = engine::NdArray::zeros({2, 4, 3}, {"layer", "head", "document"});
  for (std::int64_t d = 0; d < 3; ++d) {
    a.documentMass.at({0, 1, d}) = mass[static_cast<std::size_t>(d)] - 0.05f;
    a.documentMass.at({1, 2, d}) = mass[static_cast<std::size_t>(d)] + 0.05f;
    a.documentMass.at({0, 0, d}) = 1.0f / 3.0f;
  }
  a.retrievalMass = mass;
  return a;
}

std::shared_ptr<app::EngineMaskCodec> tinyCodec(int headDim = 16) {
  engine::NdArray retrieval{{2, 4}, {"layer", "head"}, {0.1f, 0.7f, 0.2f, 0.3f, 0.4f, 0.2f, 0.9f, 0.1f}};
  return std::make_shared<app::EngineMaskCodec>(2, 4, headDim, retrieval);
}

TEST(QaSampleView, PresetsAreTheFirstAndLastEighthAndQuarterOfHeadDim) {
  QaSampleView view;
  view.setSamples(5);
  view.setMaskCodec(tinyCodec(16));
  EXPECT_EQ(view.presets(), (QStringList{"none", "heads=retrieval>0.5 dims=first2", "heads=retrieval>0.5 dims=last2",
                                         "heads=retrieval>0.5 dims=first4", "heads=retrieval>0.5 dims=last4"}));
  view.setMaskCodec(tinyCodec(128));
  EXPECT_EQ(view.presets().at(1), "heads=retrieval>0.5 dims=first16");
  EXPECT_EQ(view.presets().at(4), "heads=retrieval>0.5 dims=last32");
  view.setMaskCodec(tinyCodec(4));
  EXPECT_EQ(view.presets(), (QStringList{"none", "heads=retrieval>0.5 dims=first1", "heads=retrieval>0.5 dims=last1"}));
}

TEST(QaSampleView, WithoutSamplesThePageIsEmpty) {
  QaSampleView view;
  EXPECT_FALSE(view.hasData());
  EXPECT_FALSE(view.setResults(fullResults()));
  EXPECT_EQ(view.currentSample(), -1);
  EXPECT_FALSE(view.unavailableText().isEmpty());
  QSignalSpy runs(&view, &QaSampleView::runRequested);
  EXPECT_FALSE(view.run());
  EXPECT_EQ(runs.count(), 0);
}

TEST(QaSampleView, AsksForTheSelectedSamplesPromptAndMarksItsGoldDocument) {
  QaSampleView view;
  QSignalSpy requested(&view, &QaSampleView::sampleRequested);
  view.setSamples(40);
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
  view.setSamples(40);
  view.setMaskCodec(tinyCodec());
  view.setCurrentSample(4);
  QSignalSpy runs(&view, &QaSampleView::runRequested);
  EXPECT_EQ(view.maskText(), "none");
  view.setMaskText("  ");
  EXPECT_TRUE(view.run());  // empty means no mask
  view.setMaskText("heads=retrieval>0.5 dims=first2");
  auto* edit = view.maskEditor()->textEdit();
  QTest::keyClick(edit, Qt::Key_Return);  // Enter runs too
  ASSERT_EQ(runs.count(), 2);
  EXPECT_EQ(runs.at(0).at(0).toInt(), 4);
  EXPECT_EQ(runs.at(0).at(1).toString(), "none");
  EXPECT_EQ(runs.at(1).at(1).toString(), "heads=retrieval>0.5 dims=first2");
  EXPECT_TRUE(view.running());

  view.addAnswer(answer(4, "none", " Lima\nmore text", true), 123.4);
  view.addAnswer(answer(4, "heads=retrieval>0.5 dims=first2", "Oslo", false, {0.5f, 0.1f, 0.3f}), 87.6);
  EXPECT_FALSE(view.running());
  EXPECT_EQ(runs.count(), 2);  // the unmasked run was there: not asked again
  ASSERT_EQ(view.runCount(), 2);
  EXPECT_EQ(view.runCell(0, 0), "5");
  EXPECT_EQ(view.runCell(0, 1), "none");
  EXPECT_EQ(view.runCell(0, 2), "Lima");  // the first line
  EXPECT_EQ(view.runCell(0, 3), QString::fromUtf8("✓"));
  EXPECT_EQ(view.runCell(0, 4), "-0.25");
  EXPECT_EQ(view.runCell(0, 5), "123");
  EXPECT_EQ(view.runCell(1, 1), "heads=retrieval>0.5 dims=first2");
  EXPECT_EQ(view.runCell(1, 2), "Oslo");
  EXPECT_EQ(view.runCell(1, 3), QString::fromUtf8("✗"));
  EXPECT_EQ(view.runCell(1, 5), "88");

  // The figure holds both runs: the unmasked one and the shown (newest) one, per document.
  ASSERT_EQ(view.beforeValues().size(), 3u);
  ASSERT_EQ(view.afterValues().size(), 3u);
  EXPECT_NEAR(view.beforeValues()[1], 0.6, 1e-6);
  EXPECT_NEAR(view.afterValues()[0], 0.5, 1e-6);
  EXPECT_NEAR(view.afterValues()[1], 0.1, 1e-6);
  EXPECT_EQ(view.barPoints().size(), 6u);
  EXPECT_TRUE(view.comparisonText().contains("Unmasked")) << view.comparisonText().toStdString();
  EXPECT_TRUE(view.comparisonText().contains("-3.50")) << view.comparisonText().toStdString();
  EXPECT_TRUE(view.title().contains("heads=retrieval>0.5 dims=first2"));
  EXPECT_TRUE(view.title().contains("L0H1, L1H2")) << view.title().toStdString();
  // One fixed axis: showing the other row does not rescale it.
  const double top = view.yTop();
  EXPECT_GE(top, 0.6);
  view.showRun(0);
  EXPECT_EQ(view.yTop(), top);

  // Other heads for the bars: the selected head alone.
  view.selectHead(0, 0);
  view.setBarHeads(QaSampleView::BarHeads::SelectedHead);
  view.showRun(1);
  EXPECT_NEAR(view.afterValues()[2], 1.0 / 3.0, 1e-6);

  // A new model clears the runs.
  view.setSamples(3);
  EXPECT_EQ(view.runCount(), 0);
  EXPECT_TRUE(view.barPoints().empty());
}

TEST(QaSampleView, AMaskedRunAsksForTheUnmaskedRunOfItsSampleOnce) {
  QaSampleView view;
  view.setSamples(4);
  view.setMaskCodec(tinyCodec());
  view.setCurrentSample(2);
  QSignalSpy runs(&view, &QaSampleView::runRequested);
  view.setMaskText("heads=L0H1 dims=first2");
  ASSERT_TRUE(view.run());
  view.addAnswer(answer(2, "heads=L0H1 dims=first2", "Oslo", false), 5);
  ASSERT_EQ(runs.count(), 2);
  EXPECT_EQ(runs.at(1).at(0).toInt(), 2);
  EXPECT_EQ(runs.at(1).at(1).toString(), "none");
  EXPECT_TRUE(view.comparisonText().contains("on its way"));
  view.addAnswer(answer(2, "none", "Lima", true), 5);
  EXPECT_EQ(view.shownRun(), 0);  // the masked run stays shown, now with its comparison
  EXPECT_EQ(view.beforeValues().size(), 3u);
  EXPECT_EQ(runs.count(), 2);
}

TEST(QaSampleView, TheSameSampleAndMaskSelectsTheExistingRow) {
  QaSampleView view;
  view.setSamples(4);
  view.setMaskCodec(tinyCodec());
  QSignalSpy runs(&view, &QaSampleView::runRequested);
  view.setMaskText("heads=L0H1 dims=first2");
  ASSERT_TRUE(view.run());
  EXPECT_FALSE(view.run());  // asked already (a double click)
  view.addAnswer(answer(0, "heads=L0H1 dims=first2", "Oslo", false), 5);
  view.addAnswer(answer(0, "none", "Lima", true), 5);
  view.setMaskText("heads=L0H1 dims=0-1");  // the same cells, written otherwise
  EXPECT_FALSE(view.run());
  EXPECT_EQ(view.shownRun(), 0);
  view.setMaskText("none");
  EXPECT_FALSE(view.run());
  EXPECT_EQ(view.shownRun(), 1);
  EXPECT_EQ(runs.count(), 2);
  EXPECT_EQ(view.runCount(), 2);
}

TEST(QaSampleView, AMalformedMaskDisablesRunAndShowsTheClause) {
  QaSampleView view;
  view.setSamples(4);
  view.setMaskCodec(tinyCodec());
  QSignalSpy runs(&view, &QaSampleView::runRequested);
  view.setMaskText("heads=L0H1 dims=fist2");
  EXPECT_FALSE(view.runEnabled());
  EXPECT_FALSE(view.run());
  EXPECT_TRUE(view.maskEditor()->errorText().contains("dims=fist2"));
  EXPECT_EQ(runs.count(), 0);
  view.setMaskText("heads=L0H1 dims=first2");
  EXPECT_TRUE(view.runEnabled());
}

TEST(QaSampleView, AFailedRunEndsTheWait) {
  QaSampleView view;
  view.setSamples(2);
  view.setMaskCodec(tinyCodec());
  view.run();
  EXPECT_TRUE(view.running());
  view.runFailed();
  EXPECT_FALSE(view.running());
  EXPECT_EQ(view.runCount(), 0);
}

TEST(QaSampleView, ExportsTheFigureAsPngAndSvg) {
  QaSampleView view;
  ASSERT_TRUE(layOut(view, QSize(900, 600)));
  view.setSamples(2);
  view.setMaskCodec(tinyCodec());
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
