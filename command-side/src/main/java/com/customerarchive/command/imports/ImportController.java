package com.customerarchive.command.imports;

import com.customerarchive.platform.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

@RestController
@RequestMapping("/api/imports")
@Tag(name = "imports", description = "Bring a customer list in from an Excel workbook (.xlsx) or a CSV file (UTF-8 or GBK): "
        + "every row checked by the registration's rules first, the report names every bad cell (row, column, "
        + "message) and every possible duplicate; a real import then registers the accepted rows as a job.")
class ImportController {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String DESCRIPTION = "MANAGER or CLERK. The file's first sheet (or the CSV), its first row "
            + "the headers, matched by name in Chinese or English (GET /api/imports/template.xlsx lists them; more in "
            + "archive.imports.headers): 外部编号 External reference, 客户名称 Name, 客户类型 Kind, 客户性质 Nature, 客户层级 "
            + "Tier, 信息来源 Source, 客户等级 Grade, 负责人 Owner are required; enumerations take their names or their "
            + "labels (单位, 普通公司, 主力客户 …); 建档日期 Registered on becomes the registration's occurredAt (a date "
            + "is its start in the business zone). A file without a required column is 400 naming it. With ?dryRun the "
            + "answer is the report and nothing is written; without, 202 with the job (GET /api/imports/{id}). Rows "
            + "with a bad cell are left out whole; a row that may duplicate a customer of the archive or an earlier "
            + "row (the duplicate check's keys) is left out and listed; a row whose external reference an earlier "
            + "import registered is counted as alreadyImported and writes nothing. Each registration goes through "
            + "the rules of POST /api/customers (review, codes, duplicates) under the importer's name, with the "
            + "import's id as correlation id. A workbook may carry the customers' visits (a sheet named 拜访记录 or "
            + "Visits: 客户外部编号 Customer reference, 日期 Date, 方式 Method required; 接触对象 Contact, 对象角色 Contact "
            + "role, 过程 Notes, 结论 Conclusion, 下次跟进 Next follow-up, 记录编号 Visit reference) and purchases (a "
            + "sheet named 购买记录 or Purchases: 客户外部编号, 订单号 Order reference, 日期, 产品 Product, 数量 Quantity, "
            + "金额 Amount required; 币种 Currency, CNY when empty), each naming a customer of the first sheet or one an "
            + "earlier import registered; they are checked as POST /api/customers/{id}/visits and /purchases check "
            + "them (report.sheets counts them, their bad cells name their sheet), recorded after the customers with "
            + "their dates as occurredAt (with review on, a purchase of a customer waiting for sign-off is refused "
            + "customer-not-approved: the same workbook again after the approvals records it), and once only: a "
            + "purchase is known by its customer and order reference, a "
            + "visit by its reference or, without one, by what it says. Other sheets are left alone (ignoredSheets).";

    private final Imports imports;

    ImportController(Imports imports) {
        this.imports = imports;
    }

    /** The same from an HTML form's upload (multipart, its part "file"); documented with the body's operation. */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(hidden = true)
    @ApiResponse(responseCode = "200", description = "the dry run's report (?dryRun)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Imports.Report.class)))
    @ApiResponse(responseCode = "202", description = "the job, started; Location names it",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Imports.Job.class)))
    ResponseEntity<Object> upload(@RequestParam("file") MultipartFile file,
                                  @Parameter(description = "present (or true): check only, write nothing")
                                  @RequestParam(required = false) String dryRun, Authentication user) throws IOException {
        return answer(file.getBytes(), file.getOriginalFilename(), dryRun, user);
    }

    @PostMapping
    @Operation(summary = "Import customers from the request's body (text/csv or an .xlsx workbook, told apart by "
            + "their bytes)",
            description = DESCRIPTION)
    @ApiResponse(responseCode = "200", description = "the dry run's report (?dryRun)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Imports.Report.class)))
    @ApiResponse(responseCode = "202", description = "the job, started; Location names it",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Imports.Job.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "the file; a form's "
            + "upload (multipart/form-data, part \"file\") is taken too", content = {
            @Content(mediaType = XLSX, schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary"))})
    ResponseEntity<Object> body(@RequestBody byte[] file, @RequestParam(required = false) String dryRun,
                                @Parameter(description = "the file's name, kept with the job")
                                @RequestParam(required = false) String fileName, Authentication user) {
        return answer(file, fileName, dryRun, user);
    }

    private ResponseEntity<Object> answer(byte[] file, String fileName, String dryRun, Authentication user) {
        if (dryRun != null && !dryRun.isBlank() && !dryRun.equalsIgnoreCase("true") && !dryRun.equalsIgnoreCase("false")) {
            throw new InvalidRequestException("dryRun", "true or false (or present without a value)");
        }
        if (dryRun != null && !dryRun.equalsIgnoreCase("false")) {
            return ResponseEntity.ok(imports.check(file, user));
        }
        Imports.Job job = imports.start(file, fileName, user);
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/imports/" + job.importId()))
                .body(job);
    }

    @GetMapping("/{importId}")
    @Operation(summary = "An import's report and progress", description = "state RUNNING until every accepted row "
            + "is registered or refused (then DONE); progress: total, done, registered, pending, ratePerSecond, "
            + "refused (sheet, row, externalRef, rule: the rule that refused it, customer-not-registered for a visit or "
            + "purchase whose customer was refused, failed for a row that failed five times). Another user's import "
            + "only for a MANAGER.")
    Imports.Job progress(@PathVariable UUID importId, Authentication user) {
        return imports.progress(importId, user);
    }

    @GetMapping(path = "/template.xlsx", produces = XLSX)
    @Operation(summary = "The workbook to fill in: the columns in the request's language (Accept-Language), the "
            + "required ones starred, an example row, on a customer, a visit and a purchase sheet, and a sheet that "
            + "explains each column")
    @ApiResponse(responseCode = "200", description = "the workbook",
            content = @Content(mediaType = XLSX, schema = @Schema(type = "string", format = "binary")))
    ResponseEntity<byte[]> template() throws IOException {
        boolean english = LocaleContextHolder.getLocale().getLanguage().equals(Locale.ENGLISH.getLanguage());
        try (XSSFWorkbook workbook = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            for (ImportColumn.Sheet kind : ImportColumn.Sheet.values()) {
                Sheet sheet = workbook.createSheet(kind.title(english));
                Row header = sheet.createRow(0);
                Row example = sheet.createRow(1);
                List<ImportColumn> columns = kind.columns();
                for (int i = 0; i < columns.size(); i++) {
                    Cell cell = header.createCell(i);
                    cell.setCellValue(columns.get(i).header(english));
                    cell.setCellStyle(bold);
                    example.createCell(i).setCellValue(columns.get(i).example(english));
                    sheet.setColumnWidth(i, 16 * 256);
                }
                sheet.createFreezePane(0, 1);
            }
            Sheet notes = workbook.createSheet(english ? "Notes" : "说明");
            Row notesHeader = notes.createRow(0);
            List<String> titles = english ? List.of("Sheet", "Column", "Required", "Field", "Values")
                    : List.of("表", "列", "必填", "字段", "取值");
            for (int i = 0; i < titles.size(); i++) {
                notesHeader.createCell(i).setCellValue(titles.get(i));
                notesHeader.getCell(i).setCellStyle(bold);
            }
            ImportColumn[] columns = ImportColumn.values();
            for (int i = 0; i < columns.length; i++) {
                Row row = notes.createRow(i + 1);
                row.createCell(0).setCellValue(columns[i].sheet().title(english));
                row.createCell(1).setCellValue(columns[i].header(english).replace(" *", ""));
                row.createCell(2).setCellValue(columns[i].required() ? (english ? "yes" : "是") : "");
                row.createCell(3).setCellValue(columns[i].field());
                row.createCell(4).setCellValue(ImportRows.allowed(columns[i], english));
            }
            notes.setColumnWidth(0, 12 * 256);
            notes.setColumnWidth(1, 20 * 256);
            notes.setColumnWidth(4, 80 * 256);
            workbook.write(out);
            return ResponseEntity.ok().contentType(MediaType.parseMediaType(XLSX))
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                            .filename(english ? "customer-import.xlsx" : "客户导入模板.xlsx", StandardCharsets.UTF_8)
                            .build().toString())
                    .body(out.toByteArray());
        }
    }
}
