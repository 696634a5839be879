// Model cards: the facts a card shows are the registry's (the version, its run's user,
// datasets and latest metrics), from a file and through the fake server; prose comes from
// the modeldesk.card.* tags; the Markdown, HTML and PDF exports carry the facts (the PDF read
// back with pdftotext), and `modeldesk-cli card` writes the same.
#include "models/card/cardrender.h"
#include "registry/card/modelcard.h"
#include "registry/demo/demogenerator.h"
#include "registry/rest/restregistry.h"
#include "registry/sql/sqlregistry.h"
#include "tests/fakeserver/fakeserverthread.h"
#include "tests/rest/awaitresult.h"

#include <QGuiApplication>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace ModelDesk;
using TestSupport::await;

namespace {

const QString Model = QStringLiteral("churn-predictor");
constexpr qint64 Version = 2;

} // namespace

class TestModelCard : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_store;
    std::unique_ptr<TestSupport::FakeServerThread> m_server;
    std::unique_ptr<SqlRegistry> m_file;
    std::unique_ptr<RestRegistry> m_rest;
    Run m_run;
    QString m_stage;

    Registry *registry(bool server) const
    {
        return server ? static_cast<Registry *>(m_rest.get()) : m_file.get();
    }

    // The facts every export must carry.
    QStringList facts() const
    {
        QStringList expected{Model, m_stage, m_run.info.userId,
                             m_run.info.runId, QStringLiteral("active subscribers"),
                             QStringLiteral("Apache-2.0")};
        for (const DatasetInput &input : m_run.datasetInputs)
            expected << input.dataset.name << input.dataset.digest;
        for (const Metric &metric : m_run.metrics)
            expected << metric.key << QString::number(metric.value, 'g', 6);
        return expected;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_store = m_dir.filePath(QStringLiteral("card.db"));
        DemoOptions demo;
        demo.models = 2;
        demo.versionsPerModel = 3;
        demo.metricSteps = 3;
        VERIFY_OK(createDemoStore(m_store, demo));
        m_file = std::make_unique<SqlRegistry>(m_store);
        VERIFY_OK(await(m_file->open()));
        VERIFY_OK(await(m_file->setVersionTag(Model, Version,
                                              Card::TagPrefix + QStringLiteral("intended_use"),
                                              QStringLiteral("Rank **active subscribers** by "
                                                             "churn risk."))));
        VERIFY_OK(await(m_file->setVersionTag(Model, Version,
                                              Card::TagPrefix + QStringLiteral("license"),
                                              QStringLiteral("Apache-2.0"))));
        const auto version = await(m_file->version(Model, Version));
        VERIFY_OK(version);
        m_stage = version->currentStage;
        const auto run = await(m_file->run(version->runId.value_or(QString())));
        VERIFY_OK(run);
        m_run = *run;
        QVERIFY(!m_run.datasetInputs.isEmpty());
        QVERIFY(!m_run.metrics.isEmpty());
        m_server = std::make_unique<TestSupport::FakeServerThread>(m_store);
        ServerOptions options;
        options.url = m_server->start();
        QVERIFY(options.url.isValid());
        m_rest = std::make_unique<RestRegistry>(options);
        VERIFY_OK(await(m_rest->open()));
    }

    void backends_data()
    {
        QTest::addColumn<bool>("server");
        QTest::newRow("file") << false;
        QTest::newRow("server") << true;
    }

    void factsComeFromTheRegistry_data() { backends_data(); }
    void factsComeFromTheRegistry()
    {
        QFETCH(bool, server);
        const auto card = await(Card::read(registry(server), Model, Version));
        VERIFY_OK(card);
        QCOMPARE(card->model, Model);
        QCOMPARE(card->version, Version);
        QCOMPARE(card->stage, m_stage);
        QCOMPARE(card->owner, m_run.info.userId);
        QCOMPARE(card->runId, m_run.info.runId);
        QCOMPARE(card->runName, m_run.info.runName);
        QVERIFY(!card->experiment.isEmpty());
        QCOMPARE(card->datasets.size(), m_run.datasetInputs.size());
        for (qsizetype i = 0; i < card->datasets.size(); ++i) {
            QCOMPARE(card->datasets.at(i).name, m_run.datasetInputs.at(i).dataset.name);
            QCOMPARE(card->datasets.at(i).digest, m_run.datasetInputs.at(i).dataset.digest);
            QVERIFY(!card->datasets.at(i).context.isEmpty());
        }
        QCOMPARE(card->metrics.size(), m_run.metrics.size());
        QCOMPARE(card->prose.value(QStringLiteral("license")), QStringLiteral("Apache-2.0"));
        const QString markdown = Card::toMarkdown(*card);
        for (const QString &fact : facts())
            QVERIFY2(markdown.contains(fact), qPrintable(fact));
        // Sections nobody wrote say so.
        QVERIFY(markdown.contains(QLatin1String("## Limitations\n\n*Not written yet.*")));
    }

    void aVersionWithoutARunStillHasACard()
    {
        CreateVersionRequest request;
        request.name = Model;
        request.source = QStringLiteral("s3://bucket/model");
        const auto created = await(m_file->createVersion(request));
        VERIFY_OK(created);
        const auto card = await(Card::read(m_file.get(), Model, created->version));
        VERIFY_OK(card);
        QVERIFY(card->datasets.isEmpty());
        QVERIFY(!card->notes.isEmpty());
        QVERIFY(Card::toMarkdown(*card).contains(QLatin1String("records no datasets")));
        VERIFY_OK(await(m_file->deleteVersion(Model, created->version)));
        const auto missing = await(Card::read(m_file.get(), Model, 999));
        QVERIFY(!missing);
        QCOMPARE(missing.error().code(), ErrorCode::ResourceDoesNotExist);
    }

    void exportsCarryTheFacts()
    {
        const auto card = await(Card::read(m_file.get(), Model, Version));
        VERIFY_OK(card);
        const QString html = CardRender::toHtml(*card);
        QVERIFY(html.contains(QLatin1String("<table")));
        QVERIFY(html.contains(QLatin1String("<title>Model card: churn-predictor version 2</title>")));
        QVERIFY(html.contains(QLatin1String("active subscribers")));
        const QString pdf = m_dir.filePath(QStringLiteral("card.pdf"));
        QString error;
        QVERIFY2(CardRender::writePdf(*card, pdf, &error), qPrintable(error));
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(5) == "%PDF-");
        QVERIFY(!CardRender::writePdf(*card, m_dir.filePath(QStringLiteral("no/such/dir.pdf")),
                                      &error));
        QVERIFY(error.contains(QLatin1String("Could not write")));
        const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
        if (pdftotext.isEmpty())
            QSKIP("pdftotext (poppler-utils) is not installed; the PDF's text is not checked.");
        QProcess process;
        process.start(pdftotext, {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
        QVERIFY(process.waitForFinished(20'000));
        const QString text = QString::fromUtf8(process.readAllStandardOutput()).simplified();
        for (const QString &fact : facts()) {
            // A long id may wrap inside its table cell.
            const QString head = fact.left(16);
            QVERIFY2(text.contains(head), qPrintable(fact));
        }
    }

    void cliWritesTheSameCard()
    {
        const QString cli = qEnvironmentVariable("MODELDESK_CLI");
        if (cli.isEmpty())
            QSKIP("MODELDESK_CLI is not set (run through ctest).");
        const auto card = await(Card::read(m_file.get(), Model, Version));
        VERIFY_OK(card);
        QProcess process;
        process.start(cli, {QStringLiteral("-r"), m_store, QStringLiteral("card"), Model,
                            QStringLiteral("2")});
        QVERIFY(process.waitForFinished(30'000));
        QCOMPARE(process.exitCode(), 0);
        QCOMPARE(QString::fromUtf8(process.readAllStandardOutput()), Card::toMarkdown(*card));
        // A PDF needs a file to go to.
        process.start(cli, {QStringLiteral("-r"), m_store, QStringLiteral("card"), Model,
                            QStringLiteral("2"), QStringLiteral("--format"),
                            QStringLiteral("pdf")});
        QVERIFY(process.waitForFinished(30'000));
        QCOMPARE(process.exitCode(), 2);
        const QString pdf = m_dir.filePath(QStringLiteral("cli.pdf"));
        process.start(cli, {QStringLiteral("-r"), m_store, QStringLiteral("card"), Model,
                            QStringLiteral("2"), QStringLiteral("--format"),
                            QStringLiteral("pdf"), QStringLiteral("--output"), pdf});
        QVERIFY(process.waitForFinished(30'000));
        QCOMPARE(process.exitCode(), 0);
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(5) == "%PDF-");
        process.start(cli, {QStringLiteral("-r"), m_store, QStringLiteral("card"), Model,
                            QStringLiteral("2"), QStringLiteral("--format"),
                            QStringLiteral("html")});
        QVERIFY(process.waitForFinished(30'000));
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(process.readAllStandardOutput().contains("<table"));
        process.start(cli, {QStringLiteral("-r"), m_store, QStringLiteral("card"), Model,
                            QStringLiteral("2"), QStringLiteral("--format"),
                            QStringLiteral("docx")});
        QVERIFY(process.waitForFinished(30'000));
        QCOMPARE(process.exitCode(), 2);
    }

    // A section must fit a tag value on every MLflow server.
    void sectionsFitMlflowLimits()
    {
        const Card::Section &section = Card::sections().at(1);
        QVERIFY(Card::checkSection(section, QString(Card::SectionLimit, QLatin1Char('x'))));
        QVERIFY(!Card::checkSection(section, QString(Card::SectionLimit + 1, QLatin1Char('x'))));
        const QRegularExpression keyRule(QStringLiteral("^[/\\w.\\- :]*$"));
        for (const Card::Section &each : Card::sections())
            QVERIFY(keyRule.match(Card::TagPrefix + each.key).hasMatch());
    }
};

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv); // fonts for the PDF
    TestModelCard test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_modelcard.moc"
