// Indicator records from whole documents (pipeline/link.h). The fine points
// of measures, roles and scopes are scored on ../shared/eval by
// indicator_quality_test; these cases pin mechanisms that do not depend on
// wording.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "pipeline/places.h"
#include "tests/test_support.h"

namespace solieu {
namespace {

struct Row {
  std::string norm, measure, period;
};

std::vector<Row> Rows(const Record& r) {
  std::vector<Row> rows;
  for (const Indicator& ind : r.indicators) {
    rows.push_back({r.entities[ind.entity].norm, ind.measure, ind.period.norm});
  }
  return rows;
}

TEST_CASE("a table cell measures its row's label at its column's time") {
  // The third cell of the second row is "-" (no data): the next cell is
  // still in the fourth column.
  const Record r = testing::Process(
      "Giảm nghèo toàn tỉnh\n\n"
      "Chỉ tiêu   ĐV tính   2019   2020   2021   2022\n"
      "Tổng số hộ   hộ   412204   421820   423400   432487\n"
      "Số hộ thoát nghèo   hộ   13558   12370   -   10150\n"
      "Tỷ lệ hộ nghèo   %   15,40   12,11   10,44   8,88\n");
  const std::vector<Row> rows = Rows(r);
  REQUIRE(rows.size() == 11);
  CHECK(rows[0].norm == "412204");
  CHECK(rows[0].measure == "tổng số hộ");
  CHECK(rows[0].period == "2019");
  CHECK(rows[3].period == "2022");
  CHECK(rows[6].norm == "10150");
  CHECK(rows[6].measure == "số hộ thoát nghèo");
  CHECK(rows[6].period == "2022");
  CHECK(rows[7].norm == "15.4");
  CHECK(rows[7].measure == "tỷ lệ hộ nghèo");
  CHECK(rows[10].norm == "8.88");
  CHECK(rows[10].period == "2022");
}

TEST_CASE("a document that names no time takes the one its address's title slug gives") {
  struct Case {
    const char* url;
    const char* period;
  };
  for (const Case& c : {
           Case{"https://a.vn/kinh-te/san-luong-6-thang-dau-nam-2017-dat-16-trieu-tan-675072.html", "2017-H1"},
           Case{"https://a.vn/quang-binh-dat-chi-tieu-nam-2023-20231130164006921.htm", "2023"},
           Case{"https://a.vn/ket-qua-9-thang-nam-2023-post1.html", "2023-01/2023-09"},
           Case{"https://a.vn/tang-truong-quy-iii-2022.html", "2022-Q3"},
           Case{"https://a.vn/xuat-khau-thang-8-nam-2021?ref=home", "2021-08"},
           Case{"https://a.vn/dai-hoi-nhiem-ky-2020-2025-thanh-cong", "2020/2025"},
           Case{"https://a.vn/dinh-huong-den-nam-2030-tam-nhin-den-nam-2045.aspx", ""},
           Case{"https://a.vn/tin-tuc-20231130.html", ""},
       }) {
    CAPTURE(c.url);
    const Record r = testing::Process(std::string("url: ") + c.url +
                                      "\n\nToàn tỉnh có 1.730 đảng viên, tăng 5% so với cùng kỳ.\n");
    REQUIRE(r.indicators.size() == 2);
    CHECK(r.indicators[0].period.norm == c.period);
    CHECK(r.indicators[0].period.source == (*c.period ? "url" : ""));
  }
  // A time in the document itself wins over the address's.
  const Record r = testing::Process(
      "url: https://a.vn/ket-qua-nam-2023.html\n\nNăm 2021, toàn tỉnh có 1.730 đảng viên.\n");
  REQUIRE(r.indicators.size() == 1);
  CHECK(r.indicators[0].period.norm == "2021");
}

TEST_CASE("an address names places by its host's labels, then by its path's words") {
  const UrlGazetteer urls(testing::BundledPipeline().rules());
  const auto names = [&](std::string_view url) {
    std::vector<std::string> out;
    for (const Scope& s : urls.Find(url)) out.push_back(s.name + " (" + s.source + ")");
    return out;
  };
  using Names = std::vector<std::string>;
  // The most specific label first; a label may hold a name ("baokontum").
  CHECK(names("https://hiephoa.bacgiang.gov.vn/tin-tuc") ==
        Names{"huyện Hiệp Hòa (outlet)", "tỉnh Bắc Giang (outlet)"});
  CHECK(names("https://baokontum.com.vn/") == Names{"tỉnh Kon Tum (outlet)"});
  // Dashed names between separators, in the path's order; at one place the
  // longer name wins, and one inside a name already taken is no other.
  CHECK(names("https://a.vn/lang-son-90-dan-so-ba-ria-vung-tau.html") ==
        Names{"tỉnh Lạng Sơn (url)", "tỉnh Bà Rịa - Vũng Tàu (url)"});
  // A compact name counts as a whole segment only.
  CHECK(names("https://a.vn/khanhhoa/tin-1.html") == Names{"tỉnh Khánh Hòa (url)"});
  CHECK(names("https://a.vn/tin-khanhhoa-1.html").empty());
  // A district's name in a path needs its level word before it: accents
  // folded, its two syllables are often two ordinary words ("vụ thu đông").
  CHECK(names("https://a.vn/cap-nhat-san-xuat-vu-thu-dong-2019.html").empty());
  CHECK(names("https://a.vn/huyen-vu-thu-dat-chuan.html") == Names{"huyện Vũ Thư (url)"});
  // A host's place comes before the path's, and each place once.
  CHECK(names("https://baokontum.com.vn/kon-tum-va-lang-son") ==
        Names{"tỉnh Kon Tum (outlet)", "tỉnh Lạng Sơn (url)"});
}

TEST_CASE("a yearbook table: years as rows, the unit in a header line above them") {
  const Record r = testing::Process(
      "Lao động đang làm việc phân theo thành thị, nông thôn\n\n"
      "          Tổng số      Thành thị - Urban    Nông thôn - Rural\n\n"
      "                      Người - Person\n\n"
      "     2017       540.985      76.051      464.934\n\n"
      "     2018       549.945      69.609      480.336\n"
      "     2019       456.454      69.635      386.819\n\n"
      "                  So với dân số (%)\n"
      "              Proportion of population (%)\n\n"
      "     2017         64,03       57,74       65,19\n");
  std::vector<std::string> counts, percents;
  for (const Entity& e : r.entities) {
    if (e.type == "count") counts.push_back(e.norm);
    if (e.type == "percent") percents.push_back(e.norm);
  }
  CHECK(counts == std::vector<std::string>{"540985", "76051", "464934", "549945", "69609", "480336",
                                           "456454", "69635", "386819"});
  CHECK(percents == std::vector<std::string>{"64.03", "57.74", "65.19"});
  // Each figure holds for its row's year; the percents measure their header.
  const std::vector<Row> rows = Rows(r);
  REQUIRE(rows.size() == 12);
  CHECK(rows[0].period == "2017");
  CHECK(rows[5].period == "2018");
  CHECK(rows[8].period == "2019");
  CHECK(rows[9].measure == "so với dân số");
  CHECK(rows[9].period == "2017");
}

TEST_CASE("percentage points are a change, or a share when a part contributes them") {
  const Record r = testing::Process(
      "Tăng trưởng kinh tế\n\n"
      "Tỷ lệ hộ nghèo giảm 1,2 điểm phần trăm so với năm trước. Khu vực công nghiệp tăng 6,78%, "
      "đóng góp 3,93 điểm phần trăm vào mức tăng trưởng chung.\n");
  std::vector<std::string> roles;
  for (const Indicator& ind : r.indicators) {
    if (r.entities[ind.entity].norm.ends_with("pp")) roles.push_back(ind.role);
  }
  CHECK(roles == std::vector<std::string>{"change", "share"});
}

// The roles of the indicators of `text`, in order.
std::vector<std::string> Roles(const std::string& text) {
  std::vector<std::string> roles;
  for (const Indicator& ind : testing::Process(text).indicators) roles.push_back(ind.role);
  return roles;
}

// The measures of the indicators of `text`, in order.
std::vector<std::string> Measures(const std::string& text) {
  std::vector<std::string> measures;
  for (const Indicator& ind : testing::Process(text).indicators) measures.push_back(ind.measure);
  return measures;
}

TEST_CASE("what a count counts gives its role when no cue does") {
  // ROLE_UNITS: cases and files come in flows; households are not listed,
  // and a count is a level by default.
  CHECK(Roles("Dịch bệnh\n\nTuần qua, 35 Ca; 12 hồ sơ; 412 hộ.\n") ==
        std::vector<std::string>{"flow", "flow", "level"});
}

TEST_CASE("a plan governs the figures after it in its sentence, until a result is reported") {
  CHECK(Roles("Phát triển đảng viên\n\n"
              "Năm 2018, Đảng bộ huyện phấn đấu kết nạp trên 290 đảng viên; nâng tỷ lệ trưởng thôn là "
              "đảng viên lên trên 50%. Thực hiện mục tiêu đó, huyện đã kết nạp 250 đảng viên.\n") ==
        std::vector<std::string>{"target", "target", "flow"});
}

TEST_CASE("a heading of plans makes the figures of the rest of its paragraph targets") {
  CHECK(Roles("Kế hoạch\n\nCác chỉ tiêu chủ yếu năm 2025: 1. Tổng thu ngân sách 500 tỷ đồng. 2. Tỷ lệ hộ nghèo "
              "giảm còn 3%.\n\nNăm 2024, thu ngân sách đạt 450 tỷ đồng.\n") ==
        std::vector<std::string>{"target", "target", "flow"});
  // A heading that reports a result heads no plans.
  CHECK(Roles("Kết quả\n\nCác chỉ tiêu đã đạt: 1. Tổng thu ngân sách 500 tỷ đồng.\n") ==
        std::vector<std::string>{"flow"});
}

TEST_CASE("a share of the noun phrase after it measures that phrase's rate") {
  const std::vector<std::string> measures = Measures(
      "Giảm nghèo\n\n"
      "Hiện toàn huyện còn 6,71% hộ nghèo và 4,33% hộ cận nghèo. Tỷ lệ bao phủ bảo hiểm y tế đạt 85,6% "
      "dân số. Khu vực dịch vụ đóng góp 81% vào mức tăng chung.\n");
  REQUIRE(measures.size() == 4);
  CHECK(measures[0] == "tỷ lệ hộ nghèo");
  CHECK(measures[1] == "tỷ lệ hộ cận nghèo");
  // A rate already named before it says more than a bare noun after it.
  CHECK(measures[2] == "tỷ lệ bao phủ bảo hiểm y tế");
  // "vào mức tăng chung" opens no noun phrase: the subject says it.
  CHECK(measures[3] == "khu vực dịch vụ");
}

TEST_CASE("after \"chiếm\" or \"tương đương\" the phrase after a percent is the whole, not the part") {
  const std::string text =
      "Giảm nghèo\n\nĐồng bào dân tộc thiểu số chiếm 45,2% dân số. Số hộ nghèo giảm còn 1.746 hộ, tương "
      "đương 24,28% tổng số hộ dân.\n";
  // The subject before the count names the noun itself: it is the measure.
  CHECK(Measures(text) == std::vector<std::string>{"đồng bào dân tộc thiểu số", "số hộ nghèo", "tỷ lệ số hộ nghèo"});
  // A percent that restates a stock is its share.
  CHECK(Roles(text) == std::vector<std::string>{"share", "level", "share"});
}

TEST_CASE("what comes with a figure is of its kind; 'so với' gives no role") {
  CHECK(Roles("An ninh\n\nNăm 2023, công an đã khởi tố 12 vụ với 20 bị can. Toàn huyện có 51 chi bộ với 1.730 "
              "đảng viên. Số ca mắc giảm 47,8% so với cùng kỳ và 3 ca tử vong. Huyện còn 6,71% hộ nghèo, với "
              "hơn 2.500 hộ.\n") ==
        std::vector<std::string>{"flow", "flow", "level", "level", "change", "flow", "share", "level"});
}

TEST_CASE("events of the period are flows; a plan written KH is a target; a baseline is no measure") {
  const std::string text =
      "Kinh tế\n\nNăm 2023, tỉnh có 145 doanh nghiệp giải thể; tai nạn làm chết 45 người. Vốn đăng ký là "
      "1.986 tỷ đồng (so với 921 tỷ đồng năm 2022). Thu ngân sách tăng 18,4% (KH tăng 10%).\n";
  CHECK(Roles(text) == std::vector<std::string>{"flow", "flow", "flow", "flow", "change", "target"});
  const std::vector<std::string> measures = Measures(text);
  REQUIRE(measures.size() == 6);
  // The value compared with, and the plan, measure what the figure before them does.
  CHECK(measures[3] == measures[2]);
  CHECK(measures[5] == "thu ngân sách");
}

TEST_CASE("an amount without a subject of its own measures what was done to it") {
  const std::vector<std::string> measures = Measures(
      "Tín dụng\n\nCác ngân hàng cho vay 197 tỷ đồng, thu nợ 184 tỷ đồng và huy động 54 tỷ đồng. Thu ngân sách "
      "đạt 300 tỷ đồng; trong đó, thu tiền sử dụng đất 50 tỷ đồng.\n");
  REQUIRE(measures.size() == 5);
  CHECK(measures[1] == "thu nợ");
  CHECK(measures[2] == "huy động");
  CHECK(measures[4] == "thu tiền sử dụng đất");
}

TEST_CASE("a total's subject, a change's figure and a range's first end say what is measured") {
  const std::vector<std::string> measures = Measures(
      "Hội Nông dân\n\nBan Chấp hành Hội Nông dân gồm 47 đồng chí, với tổng số hội viên lên tới 5.145 người. "
      "Tỉnh tạo việc làm cho 5.800 lao động, tăng 570 lao động so cùng kỳ. Tốc độ tăng trưởng GRDP đạt mức tăng "
      "0,1%. GRDP bình quân đầu người từ 80,4 triệu đồng đến 80,8 triệu đồng.\n");
  REQUIRE(measures.size() == 7);
  CHECK(measures[0] == "ban chấp hành hội nông dân");
  CHECK(measures[1] == "tổng số hội viên");
  CHECK(measures[3] == measures[2]);  // the change counts the same workers
  CHECK(measures[4] == "tốc độ tăng trưởng grdp");
  CHECK(measures[6] == measures[5]);
  CHECK(measures[5] == "grdp bình quân đầu người");
}

TEST_CASE("a time in a subject counts for none of its words") {
  CHECK(Measures("Đại hội\n\nDự kiến Ban Chấp hành Đảng bộ tỉnh khóa XI, nhiệm kỳ 2020 - 2025 gồm 49 đồng chí.\n") ==
        std::vector<std::string>{"ban chấp hành đảng bộ tỉnh khóa xi"});
}

TEST_CASE("a bare counter names nothing: the words before the number say what is counted") {
  const std::vector<std::string> measures = Measures(
      "Chăn nuôi\n\nTổng đàn heo gần 400 ngàn con, tăng 7,1%; tổng đàn gia cầm gần 6,5 triệu con. "
      "Hội còn trao 2 con bò. Tỉnh đón khách quốc tế khoảng 210.000 lượt.\n");
  // With a noun after it, the counter is no longer bare.
  REQUIRE(measures.size() == 5);
  CHECK(std::vector<std::string>(measures.begin(), measures.begin() + 4) ==
        std::vector<std::string>{"tổng đàn heo", "tổng đàn heo", "tổng đàn gia cầm", "con bò"});
  // "lượt" counts visits of whatever the words before name.
  CHECK(measures[4].find("đón khách quốc tế") != std::string::npos);
}

TEST_CASE("a verb after a count's noun says what is counted, unless a figure follows it") {
  const std::vector<std::string> measures = Measures(
      "Nông thôn mới\n\nĐến nay, toàn tỉnh có 5.775/8.227 xã đạt chuẩn nông thôn mới, chiếm 70,2%. "
      "Toàn huyện có 1.200 hộ tăng 5% so với năm trước.\n");
  // "toàn tỉnh" before the verb is a scope, not what is counted; a share of
  // a ratio's noun is its rate.
  CHECK(measures == std::vector<std::string>{"xã đạt chuẩn nông thôn mới", "tỷ lệ xã đạt chuẩn nông thôn mới",
                                             "hộ", "hộ"});
}

TEST_CASE("a role cue inside a noun is no verb: the noun is the measure, without its months") {
  const std::vector<std::string> measures = Measures(
      "Ngân sách\n\nTổng thu ngân sách 9 tháng đạt 20,8 tỷ đồng. Giá trị sản xuất ngành công nghiệp ước "
      "3.115 tỷ đồng.\n");
  CHECK(measures == std::vector<std::string>{"tổng thu ngân sách", "giá trị sản xuất ngành công nghiệp"});
}

TEST_CASE("an amount done with a thing named after its unit measures that thing") {
  const std::vector<std::string> measures = Measures(
      "Thủy sản\n\nCông an đã thu giữ 157,88 gram ma túy dạng khay. Nuôi ao đìa phấn đấu đạt 4.100 tấn tôm sú, "
      "hơn 2.900 tấn ngao. Sản lượng lúa đạt 500 tấn.\n");
  CHECK(measures == std::vector<std::string>{"ma túy dạng khay", "tôm sú", "ngao", "sản lượng lúa"});
}

TEST_CASE("a rate named by the words after its rate word; items of its list take its head") {
  const std::vector<std::string> measures = Measures(
      "Giáo dục\n\nNăm học 2023-2024, tỷ lệ huy động trẻ đến trường ở nhà trẻ 43,5%, mẫu giáo 99,2%, tiểu học "
      "99,6%.\n");
  CHECK(measures == std::vector<std::string>{"tỷ lệ huy động trẻ đến trường ở nhà trẻ", "tỷ lệ mẫu giáo",
                                             "tỷ lệ tiểu học"});
}

TEST_CASE("an amount of land measures an area") {
  const Record r = testing::Process(
      "Sản xuất vụ hè thu\n\n"
      "Trong đó, lúa 6.194 ha, giảm 0,95%; diện tích ngô 1.200 ha; nuôi tôm 346 ha.\n");
  const std::vector<Row> rows = Rows(r);
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].measure == "diện tích lúa");
  CHECK(rows[1].measure == "diện tích lúa");  // the percent after it measures the same
  CHECK(rows[2].measure == "diện tích ngô");  // said once, not twice
  CHECK(rows[3].measure == "diện tích nuôi tôm");
}

TEST_CASE("counts listed under a topic that names their noun measure the topic") {
  const Record r = testing::Process(
      "Tình hình dịch bệnh\n\n"
      "Các ca mới phát hiện, tại huyện A Lưới có 07 ca, huyện Phong Điền 09 ca.\n\n"
      "Đồng chí Nguyễn Văn An, tại xã B có 12 đồng chí tham dự.\n");
  const std::vector<Row> rows = Rows(r);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].measure == "ca mới phát hiện");
  CHECK(rows[1].measure == "ca mới phát hiện");
  // A name after the noun is no topic of it; the words after the count say
  // what it counts.
  CHECK(rows[2].measure == "đồng chí tham dự");
}

TEST_CASE("a time that opens a sentence holds for the next; one after a few words or after \"so với\" does not") {
  // OpensSentence counts at most three words before the time; IsBaselineTime
  // tokenizes only the forty bytes before it. Both read as the whole
  // sentence's words would.
  const Record r = testing::Process(
      "Tình hình kinh tế\n\n"
      "Báo cáo tổng hợp của tỉnh.\n\n"
      "Trong năm 2022, toàn tỉnh có nhiều chuyển biến. Sản lượng lúa đạt 120 nghìn tấn.\n\n"
      "Theo báo cáo tổng hợp năm 2021, toàn tỉnh có nhiều chuyển biến. Sản lượng ngô đạt 30 nghìn tấn.\n\n"
      "Sản lượng chè tăng 5% so với cùng kỳ năm 2020.\n");
  const std::vector<Row> rows = Rows(r);
  REQUIRE(rows.size() == 3);
  for (const Row& row : rows) CHECK(row.period == "2022");
  CHECK(r.indicators[2].period.source == "context");
}

TEST_CASE("a plan beaten or a year work moves to is no time of the figures") {
  const Record r = testing::Process(
      "Nông thôn mới\n\nTính đến hết tháng 6, cả nước có 5.775 xã đạt chuẩn. Cả nước cũng có 249 huyện đạt "
      "chuẩn (vượt mục tiêu năm 2022). Đến tháng 10/2023, huyện chuyển tiếp 01 công trình sang năm 2024.\n");
  const std::vector<Row> rows = Rows(r);
  REQUIRE(rows.size() == 3);
  CHECK(rows[1].period == "XXXX-06");  // carried from the sentence before
  CHECK(rows[2].period == "2023-10");
  // "sang" starts where the work goes: no part of what is counted.
  CHECK(rows[2].measure.find("sang") == std::string::npos);
}

TEST_CASE("a time of another period or of an aside with its own figure is no time of the figure") {
  const Record r = testing::Process(
      "Chăn nuôi\n\nNăm 2020, sản lượng thịt 9 tháng ước đạt 69 nghìn tấn (quý III ước đạt 20 nghìn tấn). Tính "
      "chung năm 2021, chỉ số tăng 6,5%, thấp hơn mức tăng 7,2% của cùng kỳ năm 2016. Trong 5 năm qua (2015 - "
      "2020), huyện xảy ra 302 vụ.\n");
  const std::vector<Row> rows = Rows(r);
  REQUIRE(rows.size() == 5);
  CHECK(rows[0].period == "2020");
  CHECK(rows[1].period == "XXXX-Q3");
  CHECK(rows[2].period == "2021");
  CHECK(rows[4].period == "2015/2020");  // alone in its parentheses, the time restates
}

TEST_CASE("a part of a whole is a share whatever it counts; a percent of the same period before is an attainment") {
  CHECK(Roles("An ninh\n\nCông an điều tra khám phá được 277/302 vụ. Khách quốc tế chỉ đạt 28% so với cùng kỳ.\n") ==
        std::vector<std::string>{"share", "attainment"});
}

TEST_CASE("a number of months after a noun is the first months of the year, when nothing else tells") {
  const auto periods = [](const std::string& text) {
    const Record r = testing::Process(text);
    std::vector<std::string> out;
    for (const Indicator& ind : r.indicators) out.push_back(ind.period.norm);
    return out;
  };
  using V = std::vector<std::string>;
  CHECK(periods("Kinh tế\n\nTổng sản phẩm 6 tháng của tỉnh tăng 2,41%. Sản lượng thủy sản 7 tháng đạt 155.700 tấn.\n") ==
        V{"XXXX-H1", "XXXX-01/XXXX-07"});
  // A stretch of time or an age is no such period.
  CHECK(periods("Kinh tế\n\nTrong 6 tháng, dự án giải ngân 12 tỷ đồng; bê 3 tháng tuổi nặng 80 kg.\n") == V{"", ""});
  // A time that opens an earlier sentence gives the year the months leave out.
  CHECK(periods("Kinh tế\n\n6 tháng đầu năm 2024, tỉnh phát triển tốt. Công nghiệp 6 tháng ước đạt 5 tỷ đồng.\n") ==
        V{"2024-H1"});
}

TEST_CASE("a time after \"so với\" in capitals is a baseline too") {
  // IsBaselineTime lowers only the words that start with an "s" or a "v".
  const Record r = testing::Process(
      "Tình hình kinh tế\n\n"
      "Báo cáo tổng hợp của tỉnh.\n\n"
      "Trong năm 2022, toàn tỉnh có nhiều chuyển biến. Sản lượng lúa đạt 120 nghìn tấn.\n\n"
      "Sản lượng chè tăng 5% SO VỚI cùng kỳ năm 2020.\n");
  REQUIRE(r.indicators.size() == 2);
  CHECK(r.indicators[1].period.norm == "2022");
  CHECK(r.indicators[1].period.source == "context");
}

TEST_CASE("an acronym the document defines is spelled out in measures; others are kept as they are") {
  // ReadsAsIs gives back a measure without acronyms untouched; one with an
  // acronym is split and joined again with it expanded.
  const Record r = testing::Process(
      "Tình hình dịch bệnh\n\n"
      "Báo cáo của tỉnh.\n\n"
      "Trong năm 2022, số ca mắc sốt xuất huyết (SXH) là 120 ca. Số ca mắc SXH  tăng 5%, số người khỏi bệnh "
      "tăng 3%.\n\n"
      "Tổng sản phẩm trong tỉnh (GRDP) ước đạt 7,5%.\n");
  const std::vector<Row> rows = Rows(r);
  REQUIRE(rows.size() == 4);
  CHECK(rows[1].measure == "số ca mắc sốt xuất huyết");
  CHECK(rows[2].measure == "số người khỏi bệnh");
  CHECK(rows[3].measure == "grdp");  // its initials do not spell the words before it
}

TEST_CASE("words right after a figure and its comma or full stop read as without them") {
  // CutsWord lets the words after "12%," be a slice of the sentence's words
  // instead of tokenized afresh: the baseline after the comma is the same.
  const Record r = testing::Process(
      "Tình hình kinh tế\n\n"
      "Báo cáo của tỉnh.\n\n"
      "Năm 2023, doanh thu du lịch tăng 12%, so với năm trước. Sản lượng lúa tăng 3%.\n");
  REQUIRE(r.indicators.size() == 2);
  CHECK(r.indicators[0].baseline == "so với năm trước");
  CHECK(r.indicators[0].role == "change");
  CHECK(r.indicators[1].measure == "sản lượng lúa");
}

TEST_CASE("words and places in parentheses are asides: not the measure, not the sentence's scope") {
  // InParentheses looks up the last parenthesis before a position among its
  // sentence's; a ")" in an earlier sentence does not count.
  const Record r = testing::Process(
      "Tình hình kinh tế\n\n"
      "Báo cáo của tỉnh.\n\n"
      "Năm 2023, sản lượng lúa (theo số liệu của tỉnh Hà Nam) đạt 120 nghìn tấn. Tại tỉnh Nam Định, sản lượng "
      "ngô (vụ đông) đạt 30 nghìn tấn.\n");
  REQUIRE(r.indicators.size() == 2);
  CHECK(r.indicators[0].measure == "sản lượng lúa");
  CHECK(r.indicators[0].scope.source != "sentence");
  CHECK(r.indicators[1].measure == "sản lượng ngô");
  CHECK(r.indicators[1].scope.name == "tỉnh Nam Định");
  CHECK(r.indicators[1].scope.source == "sentence");
}

TEST_CASE("places named in a list are nobody's scope; only wards and villages go by numbers") {
  const Record r = testing::Process(
      "Hội Nông dân\n\n"
      "Năm 2023, tỉnh Bắc Giang ra mắt 4 chi hội ở các huyện Lạng Giang, Tân Yên và Việt Yên; xây dựng 35 mô "
      "hình. Huyện ủy Lục Nam bầu Ban Thường vụ Huyện ủy 13 đồng chí; đoàn đại biểu gồm 17 đồng chí. Tại "
      "phường 5 có 12 hộ nghèo.\n");
  REQUIRE(r.indicators.size() == 5);
  CHECK(r.indicators[0].scope.name == "tỉnh Bắc Giang");
  CHECK(r.indicators[1].scope.name == "tỉnh Bắc Giang");
  CHECK(r.indicators[3].scope.name == "huyện Lục Nam");
  CHECK(r.indicators[4].scope.name == "phường 5");
}

TEST_CASE("an address's higher place only says where the first lies; after 'tỉnh' only a province is a place") {
  const Record r = testing::Process(
      "Mặt trận\n\nNgày 4-11, UBMTTQ huyện Hớn Quản, tỉnh Bình Phước trao tặng 5 căn nhà. Cán bộ cơ quan Tỉnh "
      "Hội đã về dự, toàn tỉnh có 50.169 hội viên.\n");
  REQUIRE(r.indicators.size() == 2);
  CHECK(r.indicators[0].scope.name == "huyện Hớn Quản");
  CHECK(r.indicators[1].scope.name != "tỉnh Hội");
}

}  // namespace
}  // namespace solieu
