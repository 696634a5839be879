// One linear pass over a filter before sqlparse's grouping sees it (see filterlimits.h).
#include "registry/filter/filterlimits.h"
#include "registry/filter/pythontext.h"

namespace ModelDesk::Filter::Limits {

namespace {

bool isWordChar(QChar ch)
{
    return ch.isLetterOrNumber() || ch == u'_' || ch == u'.';
}

bool isTokenChar(QChar ch)
{
    return ch.isLetterOrNumber() || ch == u'_';
}

// The word that ends just before `end` (skipping spaces), upper-cased.
QString wordBefore(const QString &text, qsizetype end)
{
    while (end > 0 && text.at(end - 1).isSpace())
        --end;
    qsizetype start = end;
    while (start > 0 && isWordChar(text.at(start - 1)))
        --start;
    return text.mid(start, end - start).toUpper();
}

} // namespace

QString excerpt(const QString &text)
{
    if (text.size() <= MaxExcerpt)
        return text;
    return QCoreApplication::translate("ModelDesk::Filter", "%1… (%2 characters in all)")
        .arg(text.left(MaxExcerpt))
        .arg(text.size());
}

std::optional<RegistryError> checkFilter(const QString &text)
{
    const auto tr = [](const char *source) {
        return QCoreApplication::translate("ModelDesk::Filter", source);
    };
    if (text.size() > MaxFilterLength) {
        return invalid(tr("Invalid filter '%1'. A filter may be at most %2 characters long; "
                          "this one has %3.")
                           .arg(excerpt(text))
                           .arg(MaxFilterLength)
                           .arg(text.size()));
    }
    int clauses = 1;
    int listValues = 0;
    int tokens = 0;
    int depth = 0;
    int groups = 0;
    bool inList = false;
    QChar quote;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar ch = text.at(i);
        // Tokens as sqlparse counts them, roughly: a quoted string, a word, or any other
        // character (each space is a token of its own). Its grouping costs grow with their number.
        if (quote.isNull() && !(isTokenChar(ch) && i > 0 && isTokenChar(text.at(i - 1)))
            && ++tokens > MaxTokens) {
            return invalid(tr("Invalid filter '%1'. A filter may hold at most %2 words and "
                              "symbols.")
                               .arg(excerpt(text))
                               .arg(MaxTokens));
        }
        if (!quote.isNull()) {
            if (ch == u'\\' && quote != u'`')
                ++i;
            else if (ch == quote)
                quote = QChar();
            continue;
        }
        if (ch == u'\'' || ch == u'"' || ch == u'`') {
            quote = ch;
            if (inList && ++listValues > MaxInValues) {
                return invalid(tr("Invalid filter '%1'. An IN list may hold at most %2 values; "
                                  "search in several parts.")
                                   .arg(excerpt(text))
                                   .arg(MaxInValues));
            }
            continue;
        }
        if (ch == u'(') {
            // MLflow's grammar has no grouping: a list after IN is the one use of parentheses.
            // Anything else is left to MLflow's own checks (and their messages), as long as it
            // is one level deep and does not repeat beyond the clause limit.
            if (inList || depth > 0 || ++groups > MaxClauses) {
                return invalid(tr("Invalid filter '%1'. Parentheses group nothing in a search "
                                  "filter: clauses are joined by AND only, and only the list "
                                  "after IN is written in parentheses, as in run_id IN ('a', "
                                  "'b').")
                                   .arg(excerpt(text)));
            }
            inList = wordBefore(text, i) == QLatin1String("IN");
            ++depth;
            listValues = 0;
        } else if (ch == u')') {
            if (depth == 0) {
                return invalid(tr("Invalid filter '%1'. The ')' at character %2 closes no "
                                  "parenthesis.")
                                   .arg(excerpt(text))
                                   .arg(i + 1));
            }
            inList = false;
            --depth;
        } else if ((ch == u'a' || ch == u'A') && i + 3 <= text.size()
                   && text.mid(i, 3).compare(QLatin1String("AND"), Qt::CaseInsensitive) == 0
                   && (i == 0 || !isWordChar(text.at(i - 1)))
                   && (i + 3 == text.size() || !isWordChar(text.at(i + 3)))) {
            if (++clauses > MaxClauses) {
                return invalid(tr("Invalid filter '%1'. A filter may join at most %2 clauses "
                                  "with AND.")
                                   .arg(excerpt(text))
                                   .arg(MaxClauses));
            }
            i += 2;
        }
    }
    return std::nullopt;
}

std::optional<RegistryError> checkOrderBy(const QStringList &orderBy)
{
    const auto tr = [](const char *source) {
        return QCoreApplication::translate("ModelDesk::Filter", source);
    };
    if (orderBy.size() > MaxOrderByEntries) {
        return invalid(tr("Invalid order_by: at most %1 entries are allowed; %2 were given.")
                           .arg(MaxOrderByEntries)
                           .arg(orderBy.size()));
    }
    for (const QString &entry : orderBy) {
        if (entry.size() > MaxOrderByLength) {
            return invalid(tr("Invalid order_by clause '%1'. An entry may be at most %2 "
                              "characters long.")
                               .arg(excerpt(entry))
                               .arg(MaxOrderByLength));
        }
    }
    return std::nullopt;
}

RegistryError shortened(RegistryError error)
{
    const int limit = 4 * MaxExcerpt + 200;
    const QString message = error.message();
    if (message.size() <= limit)
        return error;
    return RegistryError(
        error.code(),
        QCoreApplication::translate("ModelDesk::Filter", "%1… (message cut; %2 characters in all)")
            .arg(message.left(limit))
            .arg(message.size()),
        error.detail());
}

} // namespace ModelDesk::Filter::Limits
