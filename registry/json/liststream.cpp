#include "registry/json/liststream.h"

#include <QIODevice>

namespace ModelDesk::MlflowJson {

namespace {

constexpr qsizetype FlushBytes = 256 * 1024;

} // namespace

ListStream::ListStream(QIODevice &device, QString key)
    : m_device(device)
    , m_key(std::move(key))
{
    m_buffer.reserve(FlushBytes + FlushBytes / 4);
}

void ListStream::append(const Value &item)
{
    // The layout Value::toJson() gives the whole object: two-space indents, the list's items
    // at depth 2.
    if (!m_open) {
        m_buffer += "{\n  ";
        Value(m_key).write(m_buffer, 1);
        m_buffer += ": [\n    ";
        m_open = true;
    } else {
        m_buffer += ",\n    ";
    }
    item.write(m_buffer, 2);
    if (m_buffer.size() >= FlushBytes)
        flush();
}

bool ListStream::finish(const QString &nextPageToken)
{
    if (m_open)
        m_buffer += "\n  ]";
    if (!nextPageToken.isEmpty()) {
        m_buffer += m_open ? ",\n  " : "{\n  ";
        m_buffer += "\"next_page_token\": ";
        Value(nextPageToken).write(m_buffer, 1);
    }
    m_buffer += (m_open || !nextPageToken.isEmpty()) ? "\n}" : "{}";
    flush();
    return m_error.isEmpty();
}

void ListStream::flush()
{
    if (m_error.isEmpty() && !m_buffer.isEmpty() && m_device.write(m_buffer) != m_buffer.size()) {
        m_error = m_device.errorString();
    }
    m_buffer.resize(0); // keeps its capacity
}

} // namespace ModelDesk::MlflowJson
