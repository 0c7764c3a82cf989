#include "mpp/output.hpp"

#include "mpp/csv.hpp"
#include "mpp/error.hpp"
#include "mpp/json.hpp"
#include "mpp/labels.hpp"
#include "mpp/text.hpp"
#include "mpp/values.hpp"

#include <algorithm>
#include <cstring>
#include <fmt/format.h>
#include <poll.h>
#include <streambuf>
#include <sys/stat.h>
#include <unistd.h>

namespace mpp
{
namespace
{

const std::string& label(const Column& c, const std::string& lang)
{
    return lang == "en" ? c.label_en : c.label_id;
}

std::vector<std::string> list_items(const std::string& cell)
{
    std::vector<std::string> items;
    std::size_t start = 0;
    while (start <= cell.size() && !cell.empty())
    {
        const std::size_t nl = cell.find('\n', start);
        items.push_back(
            cell.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
        if (nl == std::string::npos)
        {
            break;
        }
        start = nl + 1;
    }
    return items;
}

// Whether a money cell holds an amount (digits) rather than a variable fee's text.
bool is_amount(const std::string& cell)
{
    const std::size_t from = !cell.empty() && cell[0] == '-' ? 1 : 0;
    return cell.size() > from && cell.find_first_not_of("0123456789", from) == std::string::npos;
}

std::string json_value(const Column& c, const Cell& cell)
{
    if (c.kind == CellKind::list)
    {
        std::string out = "[";
        for (const auto& item : list_items(cell.value_or("")))
        {
            out += (out.size() > 1 ? "," : "") + json_quote(item);
        }
        return out + "]";
    }
    if (!cell)
    {
        return "null";
    }
    if (c.kind == CellKind::integer || c.kind == CellKind::boolean || c.kind == CellKind::json ||
        (c.kind == CellKind::money && is_amount(*cell)))
    {
        return *cell; // a money cell may hold a variable fee's text, a string
    }
    return json_quote(*cell);
}

std::string json_object(const Table& t, const std::vector<Cell>& row)
{
    std::string out = "{";
    for (std::size_t i = 0; i < t.columns.size(); ++i)
    {
        out += i > 0 ? "," : "";
        out += json_quote(t.columns[i].key) + ":" + json_value(t.columns[i], row[i]);
    }
    return out + "}";
}

std::string tsv_escape(const std::string& text)
{
    std::string out;
    for (const char c : text)
    {
        switch (c)
        {
        case '\\':
            out += "\\\\";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string machine_cell(const Column& c, const Cell& cell)
{
    if (!cell)
    {
        return {};
    }
    if (c.kind == CellKind::list)
    {
        std::vector<std::string> items;
        for (const auto& item : list_items(*cell))
        {
            items.push_back(guard_formula(item));
        }
        return join(items, " | ");
    }
    const bool guarded = c.kind == CellKind::free_text || c.kind == CellKind::unchecked;
    return guarded ? guard_formula(*cell) : *cell;
}

// reports.md: under `;` a number's decimal point is a comma (`84,8`), as Excel in the
// Indonesian locale reads it; text is never touched.
std::string decimal_comma(const Column& c, std::string value, char delimiter)
{
    const bool number_column = c.kind == CellKind::integer || c.kind == CellKind::money;
    // A money column may hold a variable fee written as text (`Sesuai Perda No. 5`): only a
    // cell that is a number is a number.
    const bool number = number_column && !value.empty() &&
                        value.find_first_not_of("-0123456789.") == std::string::npos;
    if (number && delimiter == ';')
    {
        std::replace(value.begin(), value.end(), '.', ',');
    }
    return value;
}

std::size_t total_width(const std::vector<std::size_t>& widths)
{
    std::size_t sum = widths.empty() ? 0 : 2 * (widths.size() - 1);
    for (const auto w : widths)
    {
        sum += w;
    }
    return sum;
}

// Shrinks the widest text columns, labels included (never below their header or 6 columns), to
// fit the terminal.
void fit_widths(const std::vector<Column>& columns, std::vector<std::size_t>& widths,
                const std::vector<std::size_t>& minimum, std::size_t limit)
{
    while (limit > 0 && total_width(widths) > limit)
    {
        std::size_t widest = widths.size();
        for (std::size_t i = 0; i < widths.size(); ++i)
        {
            const bool text =
                columns[i].kind == CellKind::free_text || !columns[i].vocabulary.empty();
            if (text && widths[i] > minimum[i] &&
                (widest == widths.size() || widths[i] > widths[widest]))
            {
                widest = i;
            }
        }
        if (widest == widths.size())
        {
            return; // cannot avoid it
        }
        widths[widest] -= std::min(widths[widest] - minimum[widest], total_width(widths) - limit);
    }
}

// A cell for people: lists joined, money as Rupiah, booleans in words, controls escaped.
std::string human_cell(const Column& c, const Cell& cell, const std::string& lang)
{
    if (!cell)
    {
        return {};
    }
    if (!c.vocabulary.empty())
    {
        return escape_controls(code_label(c.vocabulary, *cell, lang));
    }
    switch (c.kind)
    {
    case CellKind::list:
        return escape_controls(join(list_items(*cell), " | "));
    case CellKind::money:
        return is_amount(*cell) ? format_rupiah(std::stoll(*cell), lang) : escape_controls(*cell);
    case CellKind::boolean:
        return *cell == "true" ? (lang == "en" ? "yes" : "ya") : (lang == "en" ? "no" : "tidak");
    default:
        return escape_controls(*cell);
    }
}

// The table without the columns marked as not for tables.
Table narrow(const Table& full)
{
    Table t;
    std::vector<std::size_t> keep;
    for (std::size_t i = 0; i < full.columns.size(); ++i)
    {
        if (full.columns[i].in_table)
        {
            keep.push_back(i);
            t.columns.push_back(full.columns[i]);
        }
    }
    for (const auto& row : full.rows)
    {
        std::vector<Cell> cells;
        cells.reserve(keep.size());
        for (const std::size_t i : keep)
        {
            cells.push_back(row[i]);
        }
        t.rows.push_back(std::move(cells));
    }
    return t;
}

std::string header_label(const Column& c, const RenderOptions& o)
{
    return o.upper_labels ? to_upper(label(c, o.lang)) : label(c, o.lang);
}

// A table laid out for people: the columns shown, their cells as text and their widths.
struct Layout
{
    std::vector<Column> columns;
    std::vector<std::vector<std::string>> cells;
    std::vector<std::size_t> widths;
};

Layout lay_out(const Table& full, const RenderOptions& o)
{
    const Table t = narrow(full);
    Layout l{t.columns, {}, {}};
    for (const auto& c : t.columns)
    {
        l.widths.push_back(display_width(header_label(c, o)));
    }
    for (const auto& row : t.rows)
    {
        std::vector<std::string> line;
        for (std::size_t i = 0; i < t.columns.size(); ++i)
        {
            line.push_back(human_cell(t.columns[i], row[i], o.lang));
            if (t.columns[i].kind == CellKind::timestamp)
            {
                line.back() = line.back().substr(0, 10); // the local date: YYYY-MM-DD
            }
            l.widths[i] = std::max(l.widths[i], display_width(line.back()));
        }
        l.cells.push_back(std::move(line));
    }
    return l;
}

// Removes column `i` from the layout.
void drop_column(Layout& l, std::size_t i)
{
    const auto at = static_cast<std::ptrdiff_t>(i);
    l.columns.erase(l.columns.begin() + at);
    l.widths.erase(l.widths.begin() + at);
    for (auto& line : l.cells)
    {
        line.erase(line.begin() + at);
    }
}

// Leaves out the columns with a drop rank, lowest first, until the table fits; returns their
// labels in that order.
std::vector<std::string> drop_to_fit(Layout& l, const RenderOptions& o)
{
    std::vector<std::string> left_out;
    while (o.width > 0 && total_width(l.widths) > o.width)
    {
        std::size_t first = l.columns.size();
        for (std::size_t i = 0; i < l.columns.size(); ++i)
        {
            const int rank = l.columns[i].drop_rank;
            if (rank > 0 && (first == l.columns.size() || rank < l.columns[first].drop_rank))
            {
                first = i;
            }
        }
        if (first == l.columns.size())
        {
            break;
        }
        left_out.push_back(label(l.columns[first], o.lang));
        drop_column(l, first);
    }
    return left_out;
}

void emit_line(std::ostream& out, const Layout& l, const std::vector<std::string>& line)
{
    std::string text;
    for (std::size_t i = 0; i < line.size(); ++i)
    {
        const std::string v = truncate_to_width(line[i], l.widths[i]);
        const std::string pad(l.widths[i] - display_width(v), ' ');
        const bool last = i + 1 == line.size();
        const CellKind kind = l.columns[i].kind;
        if (kind == CellKind::integer || kind == CellKind::money)
        {
            text += pad + v;
        }
        else
        {
            text += v + (last ? "" : pad);
        }
        text += last ? "" : "  ";
    }
    while (!text.empty() && text.back() == ' ')
    {
        text.pop_back();
    }
    out << text << '\n';
}

std::vector<std::string> render_human(std::ostream& out, const Table& full, const RenderOptions& o)
{
    if (full.rows.empty())
    {
        return {};
    }
    Layout l = lay_out(full, o);
    auto left_out = drop_to_fit(l, o);
    std::vector<std::size_t> minimum;
    std::vector<std::string> header;
    for (const auto& c : l.columns)
    {
        minimum.push_back(std::max<std::size_t>(6, display_width(label(c, o.lang))));
        header.push_back(header_label(c, o));
    }
    fit_widths(l.columns, l.widths, minimum, o.width);
    emit_line(out, l, header);
    for (const auto& line : l.cells)
    {
        emit_line(out, l, line);
    }
    return left_out;
}

} // namespace

std::string json_row(const Table& table, std::size_t row)
{
    return json_object(table, table.rows.at(row));
}

std::string guard_formula(const std::string& text)
{
    if (!text.empty() && std::strchr("=+-@\t\r", text[0]) != nullptr)
    {
        return "'" + text;
    }
    return text;
}

std::string unguard_formula(const std::string& text)
{
    if (text.size() >= 2 && text[0] == '\'' && std::strchr("=+-@\t\r", text[1]) != nullptr)
    {
        return text.substr(1);
    }
    return text;
}

RowWriter::RowWriter(std::ostream& out, std::vector<Column> columns, const RenderOptions& o)
    : m_out(out), m_format(o.format)
{
    m_header.columns = std::move(columns);
    std::vector<std::string> keys;
    for (const auto& c : m_header.columns)
    {
        keys.push_back(c.key);
    }
    if (m_format == "csv")
    {
        m_csv = std::make_unique<CsvWriter>(m_out, CsvDialect{o.delimiter, "UTF-8", o.bom, false});
        m_csv->write(keys);
    }
    else if (m_format == "tsv")
    {
        m_out << join(keys, "\t") << '\n';
    }
}

RowWriter::~RowWriter() = default;

void RowWriter::row(const std::vector<Cell>& cells)
{
    const auto& cols = m_header.columns;
    if (m_csv)
    {
        std::vector<std::string> values;
        for (std::size_t i = 0; i < cols.size(); ++i)
        {
            values.push_back(decimal_comma(cols[i], machine_cell(cols[i], cells[i]),
                                           m_csv->dialect().delimiter));
        }
        m_csv->write(values);
    }
    else if (m_format == "tsv")
    {
        for (std::size_t i = 0; i < cols.size(); ++i)
        {
            m_out << (i > 0 ? "\t" : "") << tsv_escape(machine_cell(cols[i], cells[i]));
        }
        m_out << '\n';
    }
    else if (m_format == "json")
    {
        m_out << (m_rows == 0 ? "[\n  " : ",\n  ") << json_object(m_header, cells);
    }
    else
    {
        m_out << json_object(m_header, cells) << '\n';
    }
    ++m_rows;
}

void RowWriter::finish()
{
    if (m_format == "json")
    {
        m_out << (m_rows == 0 ? "[]\n" : "\n]\n");
    }
}

std::vector<std::string> render_table(std::ostream& out, const Table& t, const RenderOptions& o)
{
    if (!RowWriter::streams(o.format))
    {
        return render_human(out, t, o);
    }
    RowWriter writer(out, t.columns, o);
    for (const auto& row : t.rows)
    {
        writer.row(row);
    }
    writer.finish();
    return {};
}

void render_record(std::ostream& out, const Table& t, const RenderOptions& o)
{
    if (t.rows.empty())
    {
        return;
    }
    const auto& row = t.rows.front();
    if (o.format == "json" || o.format == "ndjson")
    {
        out << json_object(t, row) << '\n';
        return;
    }
    if (o.format == "csv" || o.format == "tsv")
    {
        render_table(out, Table{t.columns, {row}}, o);
        return;
    }
    std::size_t width = 0;
    for (const auto& c : t.columns)
    {
        width = std::max(width, display_width(label(c, o.lang)));
    }
    for (std::size_t i = 0; i < t.columns.size(); ++i)
    {
        const std::string& l = label(t.columns[i], o.lang);
        const std::string value = human_cell(t.columns[i], row[i], o.lang);
        out << l << ':' << std::string(width - display_width(l) + 1, ' ')
            << (value.empty() ? "-" : value) << '\n';
    }
}

namespace
{
// A stream buffer that writes through an AtomicFile's descriptor.
class FileBuffer : public std::streambuf
{
  public:
    explicit FileBuffer(AtomicFile& file) : m_file(file) { setp(m_buf, m_buf + sizeof(m_buf)); }
    // The first write error, empty if none.
    const std::string& error() const { return m_error; }

  protected:
    int_type overflow(int_type c) override
    {
        if (sync() != 0)
        {
            return traits_type::eof();
        }
        if (!traits_type::eq_int_type(c, traits_type::eof()))
        {
            *pptr() = traits_type::to_char_type(c);
            pbump(1);
        }
        return traits_type::not_eof(c);
    }
    int sync() override
    {
        try
        {
            m_file.write(pbase(), static_cast<std::size_t>(pptr() - pbase()));
            setp(m_buf, m_buf + sizeof(m_buf));
            return 0;
        }
        catch (const Error& e)
        {
            m_error = e.what();
            return -1;
        }
    }

  private:
    AtomicFile& m_file;
    std::string m_error;
    char m_buf[std::size_t{64} * 1024];
};
} // namespace

struct OutputSink::File
{
    File(const std::string& path, const FileAccess& access)
        : file(path, access), buffer(file), stream(&buffer)
    {
    }
    AtomicFile file;
    FileBuffer buffer;
    std::ostream stream;
};

OutputSink::OutputSink(const std::string& path, std::ostream& stdout_stream, FileAccess access)
    : m_stdout(stdout_stream)
{
    if (!path.empty() && path != "-")
    {
        m_file = std::make_unique<File>(path, access);
    }
}

OutputSink::~OutputSink() = default;

std::ostream& OutputSink::stream()
{
    return m_file ? m_file->stream : m_stdout;
}

void OutputSink::commit()
{
    if (!m_file)
    {
        m_stdout.flush();
        if (!m_stdout)
        {
            throw Error(ErrorKind::io, "cannot write to standard output");
        }
        return;
    }
    m_file->stream.flush();
    if (!m_file->stream)
    {
        throw Error(ErrorKind::io, m_file->buffer.error().empty()
                                       ? std::string("cannot write the output file")
                                       : m_file->buffer.error());
    }
    m_file->file.commit();
}

bool stdout_reader_gone() noexcept
{
    struct stat st
    {
    };
    if (::fstat(STDOUT_FILENO, &st) != 0 || !(S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)))
    {
        return false;
    }
    pollfd p{STDOUT_FILENO, POLLOUT, 0};
    return ::poll(&p, 1, 0) == 1 && (p.revents & (POLLERR | POLLHUP)) != 0;
}

} // namespace mpp
