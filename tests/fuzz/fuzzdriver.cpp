// A small stand-in for libFuzzer's driver, for builds without clang's -fsanitize=fuzzer: runs
// every file of the corpus folders given, then --runs inputs made by mutating them (byte flips,
// inserts, deletes, splices, repeats) from a fixed --seed, so a CTest run is repeatable. With
// SCOREBOARD_LIBFUZZER=ON (the `fuzz` preset) the real libFuzzer drives the same targets.
#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>

#include <cstdint>
#include <cstdio>
#include <cstring>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size);

namespace {

QByteArray mutate(QByteArray input, const QList<QByteArray> &corpus, QRandomGenerator &random)
{
    const int steps = 1 + int(random.bounded(4));
    for (int i = 0; i < steps; ++i) {
        const qsizetype at = input.isEmpty() ? 0 : qsizetype(random.bounded(int(input.size())));
        switch (random.bounded(6)) {
        case 0:
            if (!input.isEmpty())
                input[at] = char(input[at] ^ (1 << random.bounded(8)));
            break;
        case 1: input.insert(at, char(random.bounded(256))); break;
        case 2: input.remove(at, qsizetype(random.bounded(8))); break;
        case 3: {
            const QByteArray &other = corpus[random.bounded(int(corpus.size()))];
            const qsizetype from = other.isEmpty() ? 0 : random.bounded(int(other.size()));
            input.insert(at, other.mid(from, random.bounded(64)));
            break;
        }
        case 4: input.insert(at, input.mid(at, random.bounded(16)).repeated(random.bounded(64)));
            break;
        default: {
            static const char *const tokens[] = { "{", "}", "\"", ":", ",", "\r\n", "\r\n\r\n",
                "null", "-1", "1e999", "\\u0000", "Content-Length: ", "Transfer-Encoding: chunked",
                "Upgrade: websocket", "0\r\n\r\n", "\xff", "[]" };
            input.insert(at, tokens[random.bounded(int(std::size(tokens)))]);
        }
        }
    }
    return input.left(64 * 1024);
}

void run(const QByteArray &input)
{
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(input.constData()), size_t(input.size()));
}

} // namespace

int main(int argc, char **argv)
{
    qint64 runs = 10000;
    quint32 seed = 1;
    QList<QByteArray> corpus;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--runs") == 0 && i + 1 < argc) {
            runs = QByteArray(argv[++i]).toLongLong();
        } else if (std::strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
            seed = QByteArray(argv[++i]).toUInt();
        } else {
            const QDir dir(QString::fromLocal8Bit(argv[i]));
            for (const QString &name : dir.entryList(QDir::Files, QDir::Name)) {
                QFile file(dir.filePath(name));
                if (file.open(QIODevice::ReadOnly))
                    corpus.append(file.readAll());
            }
        }
    }
    if (corpus.isEmpty()) {
        std::fprintf(stderr, "usage: %s [--runs N] [--seed S] CORPUS_DIR...\n", argv[0]);
        return 2;
    }
    for (const QByteArray &input : std::as_const(corpus))
        run(input);
    QRandomGenerator random(seed);
    for (qint64 i = 0; i < runs; ++i)
        run(mutate(corpus[random.bounded(int(corpus.size()))], corpus, random));
    std::printf("%lld corpus inputs and %lld mutated inputs ran without a finding\n",
        static_cast<long long>(corpus.size()), static_cast<long long>(runs));
    return 0;
}
