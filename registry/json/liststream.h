#pragma once

#include "registry/json/mlflowjson.h"

#include <QByteArray>
#include <QString>

class QIODevice;

namespace ModelDesk::MlflowJson {

// A response of the shape {"<key>": [item, ...], "next_page_token": "..."} written to a device
// as its items arrive: byte for byte what Value(response).toJson() prints for the whole
// response, but holding at most one buffer's worth of text, so a listing of 200,000 versions
// or a million metric points is never built whole.
class ListStream
{
public:
    ListStream(QIODevice &device, QString key);
    ListStream(const ListStream &) = delete;
    ListStream &operator=(const ListStream &) = delete;

    void append(const Value &item);
    // Closes the list and the object (next_page_token only when not empty) and writes what
    // is buffered. False when the device refused a write (then errorString() says why).
    bool finish(const QString &nextPageToken = {});
    QString errorString() const { return m_error; }

private:
    void flush();

    QIODevice &m_device;
    QString m_key;
    QByteArray m_buffer;
    bool m_open = false;
    QString m_error;
};

} // namespace ModelDesk::MlflowJson
