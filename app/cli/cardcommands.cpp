// card NAME VERSION [--format markdown|html|pdf] [--output FILE]: a version's model card.
#include "app/cli/cli.h"
#include "models/card/cardrender.h"
#include "registry/card/modelcard.h"

#include <QDir>
#include <QSaveFile>

namespace Cli {

namespace {

int writeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        err() << tr("Error: could not write %1: %2")
                     .arg(QDir::toNativeSeparators(path), file.errorString())
              << Qt::endl;
        return ExitRegistryError;
    }
    return 0;
}

} // namespace

bool cardNeedsGui(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "card") == 0)
            return true;
    }
    return false;
}

int commandCard(Registry &registry, const Options &options)
{
    const auto version = versionArgument(options.args.at(2));
    if (!version)
        return registryError(version.error());
    const QString format = options.isSet(QStringLiteral("format"))
                               ? options.value(QStringLiteral("format")).toLower()
                               : QStringLiteral("markdown");
    if (format != QLatin1String("markdown") && format != QLatin1String("html")
        && format != QLatin1String("pdf"))
        return usageError(tr("--format takes markdown, html or pdf."));
    const QString output = options.value(QStringLiteral("output"));
    if (format == QLatin1String("pdf") && output.isEmpty())
        return usageError(tr("a PDF needs --output FILE."));
    const auto card = await(Card::read(&registry, options.args.at(1), *version));
    if (!card)
        return registryError(card.error());
    if (format == QLatin1String("pdf")) {
        QString error;
        if (!CardRender::writePdf(*card, output, &error)) {
            err() << tr("Error: %1").arg(error) << Qt::endl;
            return ExitRegistryError;
        }
        return 0;
    }
    const QByteArray bytes = (format == QLatin1String("html") ? CardRender::toHtml(*card)
                                                              : Card::toMarkdown(*card))
                                 .toUtf8();
    if (!output.isEmpty())
        return writeFile(output, bytes);
    out().flush();
    QFile &device = stdoutDevice();
    if (device.write(bytes) != bytes.size() || !device.flush())
        return outputError(device.errorString());
    return 0;
}

} // namespace Cli
