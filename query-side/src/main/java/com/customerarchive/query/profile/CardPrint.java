package com.customerarchive.query.profile;

import com.customerarchive.events.Address;
import com.customerarchive.events.BankAccount;
import com.customerarchive.events.CompetitorSale;
import com.customerarchive.events.KeyPerson;
import com.customerarchive.events.Premises;
import com.customerarchive.events.Requirements;
import com.customerarchive.events.BasicSection;
import com.customerarchive.events.BusinessSection;
import com.customerarchive.events.Contact;
import com.customerarchive.events.PaymentSection;
import com.customerarchive.events.ProfileCard;
import com.customerarchive.events.PurchaseSection;
import com.customerarchive.platform.time.BusinessZone;
import com.customerarchive.platform.web.ProblemException;
import com.customerarchive.query.history.HistoryRepository;
import com.customerarchive.query.privacy.Redaction;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The profile card printed (客户档案卡) as the seed's form: on the front the five sections (基础资料, 决策信息, 业务信息,
 * 付款信息, 购买信息) with every field of the form, blank where the card has none; on the back the communication
 * records (沟通信息: 次数, 日期, 方式, 接触对象, 级别, 过程, 结论). Labels in the reader's language (Chinese first);
 * withheld and erased fields print as such; a card as it stood at some time says so above the form.
 */
@Component
class CardPrint {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final MessageSource messages;
    private final BusinessZone zone;
    private final List<String> fonts;

    CardPrint(MessageSource messages, BusinessZone zone,
              @Value("${archive.print.fonts:/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc,"
                      + "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc,"
                      + "/usr/share/fonts/truetype/arphic/uming.ttc}") List<String> fonts) {
        this.messages = messages;
        this.zone = zone;
        this.fonts = List.copyOf(fonts);
    }

    /** What goes above the form: who printed it when, and for an earlier card the time it stood at and was known. */
    record Heading(String printedBy, Instant printedAt, Instant stoodAt, Instant knownAt) {
    }

    byte[] print(ProfileView profile, List<HistoryRepository.Visit> visits, Heading heading, Locale locale) {
        File font = fonts.stream().map(File::new).filter(File::canRead).findFirst()
                .orElseThrow(() -> new FontMissing(fonts));
        Labels label = new Labels(messages, locale);
        ProfileCard card = profile.card() == null ? new ProfileCard(null, null, null, null, null) : profile.card();
        String name = Objects.toString(card.name(), "");
        String footer = label.get("title") + " · " + name + " · " + profile.customerId();
        try (CardPdf pdf = new CardPdf(font, footer, label.get("title") + " " + name, heading.printedBy())) {
            pdf.newPage();
            pdf.title(label.get("title"), subtitle(profile, heading, label));
            front(pdf, profile, card, label);
            pdf.newPage();
            pdf.section(label.get("section.communication"));
            List<List<String>> rows = visits.stream().map(visit -> List.of(
                    Integer.toString(visit.visitNo()),
                    visit.visitedAt() == null ? "" : zone.dayOf(visit.visitedAt()).toString(),
                    label.value("method", visit.method()),
                    join(" · ", visit.contactName(), label.value("role", visit.contactRole())),
                    visit.gradeAtVisit() == null ? "" : visit.gradeAtVisit().name(),
                    Objects.toString(visit.notes(), ""),
                    join(" · ", visit.conclusion(), visit.nextFollowUpOn() == null ? null
                            : label.get("nextFollowUp") + " " + visit.nextFollowUpOn()))).toList();
            pdf.table(List.of(label.get("visit.no"), label.get("visit.date"), label.get("visit.method"),
                            label.get("visit.contact"), label.get("visit.grade"), label.get("visit.notes"),
                            label.get("visit.conclusion")),
                    new float[]{5, 11, 8, 15, 5, 33, 23}, rows, Math.max(0, 12 - rows.size()));
            return pdf.bytes();
        } catch (IOException failed) {
            throw CardPdf.unchecked(failed);
        }
    }

    private String subtitle(ProfileView profile, Heading heading, Labels label) {
        String printed = label.get("printed", heading.printedBy(), minute(heading.printedAt()), zone.zone().getId());
        String code = profile.code() == null ? label.get("noCode") : profile.code();
        String first = label.get("code") + " " + code + "    " + label.get("customerId") + " " + profile.customerId()
                + "    " + label.get("version") + " " + profile.version();
        if (heading.stoodAt() == null) {
            return first + "\n" + printed;
        }
        Instant known = heading.knownAt() != null ? heading.knownAt() : heading.printedAt();
        return first + "\n" + label.get("asKnown", minute(heading.stoodAt()), minute(known)) + "\n" + printed;
    }

    private void front(CardPdf pdf, ProfileView profile, ProfileCard card, Labels label) throws IOException {
        BasicSection basic = card.basic() != null ? card.basic() : new BasicSection(null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        Premises premises = basic.premises() != null ? basic.premises() : new Premises(null, null);
        pdf.section(label.get("section.basic"));
        pdf.fields(List.of(
                field(label, "basic.name", basic.name(), true),
                field(label, "basic.shortName", basic.shortName()), field(label, "basic.legalName", basic.legalName()),
                field(label, "basic.aliases", join("; ", basic.aliases()), true),
                field(label, "kind", label.value("kind", profile.kind())),
                field(label, "nature", label.value("nature", profile.nature())),
                field(label, "tier", label.value("tier", profile.tier())),
                field(label, "grade", profile.grade() == null ? null : profile.grade().name()),
                field(label, "source", label.value("source", profile.source())),
                field(label, "ownerId", profile.ownerId()),
                field(label, "registeredAt", day(profile.registeredAt())),
                field(label, "status", label.value("status", profile.status())),
                field(label, "basic.gender", label.value("gender", basic.gender())),
                field(label, "basic.birthday", text(basic.birthday())),
                field(label, "basic.nativePlace", basic.nativePlace()),
                field(label, "basic.education", basic.education()),
                field(label, "basic.occupation", basic.occupation()),
                field(label, "basic.hobbies", basic.hobbies()),
                field(label, "basic.address", address(basic.address()), true),
                field(label, "basic.phones", join("; ", basic.phones())),
                field(label, "basic.email", basic.email()),
                field(label, "basic.website", basic.website()),
                field(label, "basic.legalRepresentative", basic.legalRepresentative()),
                field(label, "basic.generalManager", basic.generalManager()),
                field(label, "basic.foundedOn", text(basic.foundedOn())),
                field(label, "basic.ownershipForm", label.value("ownership", basic.ownershipForm())),
                field(label, "basic.industry", basic.industry()),
                field(label, "basic.employees", text(basic.employees())),
                field(label, "basic.registeredCapital", money(basic.registeredCapital())),
                field(label, "basic.fixedAssets", money(basic.fixedAssets())),
                field(label, "basic.premises", join(" · ", label.value("tenure", premises.tenure()),
                        premises.area() == null ? null : label.get("area", premises.area().stripTrailingZeros().toPlainString()))),
                field(label, "basic.licenceNumber", basic.licenceNumber()),
                field(label, "basic.taxNumber", basic.taxNumber()),
                field(label, "basic.bank", bank(basic.bank()), true)));
        if (basic.personalBank() != null || basic.religion() != null) {
            // kept for a person only, and religion only for a consented purpose: printed when the card has them
            List<CardPdf.Field> personal = new ArrayList<>();
            if (basic.personalBank() != null) {
                personal.add(field(label, "basic.personalBank", bank(basic.personalBank()), true));
            }
            if (basic.religion() != null) {
                personal.add(field(label, "basic.religion", basic.religion()));
            }
            pdf.fields(personal);
        }
        pdf.subheading(label.get("keyPersons"));
        List<List<String>> persons = card.keyPersons().stream().map((KeyPerson person) -> List.of(
                join(" · ", label.value("keyRole", person.role()), person.title()),
                Objects.toString(person.name(), ""), label.value("gender", person.gender()),
                join(" · ", text(person.birthDate()), person.education(), person.nativePlace()),
                join("; ", Stream.concat(person.phones().stream(), Stream.of(
                        person.fax() == null ? null : label.get("fax") + " " + person.fax(),
                        person.mobile() == null ? null : label.get("mobile") + " " + person.mobile()))
                        .filter(Objects::nonNull).toList()))).toList();
        pdf.table(List.of(label.get("person.role"), label.get("person.name"), label.get("person.gender"),
                        label.get("person.background"), label.get("person.phones")), new float[]{20, 14, 8, 24, 34},
                persons, Math.max(0, 2 - persons.size()));

        pdf.section(label.get("section.contacts"));
        List<List<String>> contacts = card.contacts().stream().map((Contact contact) -> List.of(
                Objects.toString(contact.name(), ""), label.value("role", contact.role()),
                Objects.toString(contact.title(), ""), Objects.toString(contact.phone(), ""),
                Objects.toString(contact.notes(), ""))).toList();
        pdf.table(List.of(label.get("contact.name"), label.get("contact.role"), label.get("contact.title"),
                        label.get("contact.phone"), label.get("contact.notes")), new float[]{16, 14, 16, 20, 34},
                contacts, Math.max(0, 3 - contacts.size()));

        BusinessSection business = card.business() != null ? card.business()
                : new BusinessSection(null, null, null, null, null);
        Requirements requirements = business.requirements() != null ? business.requirements()
                : new Requirements(null, null, null, null);
        pdf.section(label.get("section.business"));
        pdf.fields(List.of(
                field(label, "business.mainProducts", join("; ", business.mainProducts()), true),
                field(label, "business.channels", join("; ", business.channels()), true),
                field(label, "business.annualVolume", money(business.annualVolume())),
                field(label, "business.localMarketRank", text(business.localMarketRank())),
                field(label, "business.competitorsCarried", join("; ", business.competitorsCarried()), true),
                field(label, "business.markets", join("; ", business.markets()), true),
                field(label, "business.requirements.delivery", requirements.delivery()),
                field(label, "business.requirements.packaging", requirements.packaging()),
                field(label, "business.requirements.timeliness", requirements.timeliness()),
                field(label, "business.requirements.other", requirements.other()),
                field(label, "business.goals", business.goals(), true),
                field(label, "business.problems", business.problems(), true)));
        pdf.subheading(label.get("competitorSales"));
        List<List<String>> sales = business.competitorSales().stream().map((CompetitorSale sale) -> List.of(
                Objects.toString(sale.product(), ""), Objects.toString(sale.period(), ""),
                join(" ", sale.currency(), money(sale.ourSales())), Objects.toString(sale.competitor(), ""),
                join(" ", sale.currency(), money(sale.competitorSales())))).toList();
        pdf.table(List.of(label.get("sale.product"), label.get("sale.period"), label.get("sale.ours"),
                        label.get("sale.competitor"), label.get("sale.theirs")), new float[]{24, 12, 20, 24, 20},
                sales, Math.max(0, 2 - sales.size()));

        PaymentSection payment = card.payment() != null ? card.payment() : new PaymentSection(null, null, null);
        pdf.section(label.get("section.payment"));
        String limits = payment.creditLimits() == null ? null : payment.creditLimits().entrySet().stream()
                .map(limit -> limit.getKey() + " " + money(limit.getValue())).collect(Collectors.joining("; "));
        pdf.fields(List.of(
                field(label, "payment.creditRating", payment.creditRating()),
                field(label, "payment.terms", payment.terms() != null ? payment.terms().toString() : payment.paymentTerms()),
                field(label, "payment.creditLimits", limits != null ? limits : money(payment.creditLimit()), true)));

        PurchaseSection purchase = card.purchase() != null ? card.purchase() : new PurchaseSection(null, null, null, null);
        pdf.section(label.get("section.purchase"));
        String totals = profile.purchases() == null || profile.purchases().totals() == null ? money(purchase.totalAmount())
                : profile.purchases().totals().stream().map(total -> total.currency() + " " + money(total.amount()))
                .collect(Collectors.joining("; "));
        pdf.fields(List.of(
                field(label, "purchase.firstTradeDate", text(purchase.firstTradeDate())),
                field(label, "purchase.lastPurchase", text(purchase.lastPurchase())),
                field(label, "purchase.purchaseFrequency", purchase.purchaseFrequency()),
                field(label, "purchase.count", profile.purchases() == null ? null : Integer.toString(profile.purchases().count())),
                field(label, "purchase.totalAmount", totals, true)));
        if (Boolean.TRUE.equals(profile.personalDataErased())) {
            pdf.note(label.get("erasedNote"));
        }
    }

    private static CardPdf.Field field(Labels label, String key, String value) {
        return field(label, key, value, false);
    }

    private static CardPdf.Field field(Labels label, String key, String value, boolean wide) {
        return new CardPdf.Field(label.get("field." + key), label.marked(value), wide);
    }

    private String minute(Instant at) {
        return MINUTE.format(at.atZone(zone.zone()));
    }

    private String day(Instant at) {
        return at == null ? null : zone.dayOf(at).toString();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String money(BigDecimal amount) {
        return amount == null ? null : String.format(Locale.ROOT, "%,.2f", amount);
    }

    private static String bank(BankAccount account) {
        return account == null ? null : join(" · ", account.bank(), account.accountName(), account.accountNumber());
    }

    private static String address(Address address) {
        if (address == null) {
            return null;
        }
        String line = join(" ", address.province(), address.city(), address.district(), address.street());
        return address.postcode() == null ? line : line + " (" + address.postcode() + ")";
    }

    private static String join(String separator, Collection<String> values) {
        return values == null ? null : values.stream().filter(Objects::nonNull).collect(Collectors.joining(separator));
    }

    private static String join(String separator, String... values) {
        return Stream.of(values).filter(value -> value != null && !value.isBlank())
                .collect(Collectors.joining(separator));
    }

    /** The form's words in the reader's language: print.* messages. */
    private record Labels(MessageSource messages, Locale locale) {

        String get(String key, Object... arguments) {
            return messages.getMessage("print." + key, arguments, key, locale);
        }

        String value(String kind, Enum<?> value) {
            return value == null ? "" : messages.getMessage("print." + kind + "." + value.name(), null, value.name(),
                    locale);
        }

        /** A withheld or erased value as the form says it; any other as it is. */
        String marked(String value) {
            if (value == null) {
                return null;
            }
            return value.replace(Redaction.WITHHELD, get("withheld")).replace(Redaction.ERASED, get("erased"));
        }
    }

    /** No CJK font to embed on this machine: 503, naming the files looked for. */
    static final class FontMissing extends ProblemException {
        FontMissing(List<String> fonts) {
            super(HttpStatus.SERVICE_UNAVAILABLE, "print-font-missing", "No font to print the card with",
                    "None of the CJK fonts in archive.print.fonts is installed on this server: " + fonts
                            + " (Debian: apt-get install fonts-wqy-zenhei).");
        }
    }
}
