package com.customerarchive.command.web;

import com.customerarchive.events.Address;
import com.customerarchive.events.BankAccount;
import com.customerarchive.events.BasicSection;
import com.customerarchive.events.BusinessSection;
import com.customerarchive.events.CompetitorSale;
import com.customerarchive.events.Contact;
import com.customerarchive.events.KeyPerson;
import com.customerarchive.events.PaymentSection;
import com.customerarchive.events.Premises;
import com.customerarchive.events.ProfileCard;
import com.customerarchive.events.PurchaseSection;
import com.customerarchive.events.Requirements;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;
import org.hibernate.validator.cfg.defs.DecimalMinDef;
import org.hibernate.validator.cfg.defs.DigitsDef;
import org.hibernate.validator.cfg.GenericConstraintDef;
import org.hibernate.validator.cfg.defs.EmailDef;
import org.hibernate.validator.cfg.defs.MaxDef;
import org.hibernate.validator.cfg.defs.MinDef;
import org.hibernate.validator.cfg.defs.NotBlankDef;
import org.hibernate.validator.cfg.defs.NotNullDef;
import org.hibernate.validator.cfg.defs.PastDef;
import org.hibernate.validator.cfg.defs.PastOrPresentDef;
import org.hibernate.validator.cfg.defs.PatternDef;
import org.hibernate.validator.cfg.defs.SizeDef;
import org.hibernate.validator.cfg.context.TypeConstraintMappingContext;
import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.stereotype.Component;

/**
 * Bean Validation of the profile card, declared here because the card's records belong to shared-events,
 * which carries no validation annotations: sizes, formats and plausible dates of every field.
 */
@Component
class CardConstraints implements ValidationConfigurationCustomizer {

    static final int SHORT = 100;
    static final int LONG = 2000;

    @Override
    public void customize(jakarta.validation.Configuration<?> configuration) {
        if (configuration instanceof HibernateValidatorConfiguration hibernate) {
            ConstraintMapping mapping = hibernate.createConstraintMapping();
            declare(mapping);
            hibernate.addMapping(mapping);
        }
    }

    static void declare(ConstraintMapping mapping) {
        mapping.type(ProfileCard.class)
                .field("basic").valid()
                .field("contacts").valid().constraint(new SizeDef().max(50))
                .field("business").valid()
                .field("payment").valid()
                .field("purchase").valid()
                .field("keyPersons").valid().constraint(new SizeDef().max(20));

        TypeConstraintMappingContext<BasicSection> basic = mapping.type(BasicSection.class);
        basic.field("name").constraint(new NotBlankDef().groups(CompleteCard.class)).constraint(new SizeDef().max(SHORT));
        basic.field("birthday").constraint(new PastDef());
        basic.field("foundedOn").constraint(new PastOrPresentDef());
        basic.field("address").valid();
        basic.field("phones").constraint(new SizeDef().max(10)).containerElementType().constraint(phone());
        basic.field("email").constraint(new EmailDef()).constraint(new SizeDef().max(254));
        basic.field("website").constraint(new SizeDef().max(254));
        basic.field("hobbies").constraint(new SizeDef().max(LONG));
        basic.field("employees").constraint(new MinDef().value(0)).constraint(new MaxDef().value(10_000_000));
        for (String amount : new String[]{"registeredCapital", "fixedAssets"}) {
            basic.field(amount).constraint(new DecimalMinDef().value("0")).constraint(new DigitsDef().integer(15).fraction(2));
        }
        for (String text : new String[]{"nativePlace", "education", "occupation", "legalName", "shortName",
                "legalRepresentative", "generalManager", "industry", "licenceNumber", "taxNumber", "religion"}) {
            basic.field(text).constraint(new SizeDef().max(SHORT));
        }
        basic.field("aliases").constraint(new SizeDef().max(20))
                .containerElementType().constraint(new NotBlankDef()).constraint(new SizeDef().max(SHORT));
        basic.field("premises").valid();
        basic.field("bank").valid();
        basic.field("personalBank").valid();

        TypeConstraintMappingContext<Premises> premises = mapping.type(Premises.class);
        premises.field("area").constraint(new DecimalMinDef().value("0"))
                .constraint(new DigitsDef().integer(9).fraction(2));

        TypeConstraintMappingContext<BankAccount> bank = mapping.type(BankAccount.class);
        bank.field("bank").constraint(new SizeDef().max(SHORT));
        bank.field("accountName").constraint(new SizeDef().max(SHORT));
        bank.field("accountNumber").constraint(new SizeDef().max(40))
                .constraint(new PatternDef().regexp("[0-9 \\-]*").message("{card.accountNumber}"));

        TypeConstraintMappingContext<KeyPerson> person = mapping.type(KeyPerson.class);
        person.field("role").constraint(new NotNullDef());
        person.field("name").constraint(new NotBlankDef()).constraint(new SizeDef().max(SHORT));
        person.field("birthDate").constraint(new PastDef());
        for (String text : new String[]{"title", "education", "nativePlace"}) {
            person.field(text).constraint(new SizeDef().max(SHORT));
        }
        person.field("phones").constraint(new SizeDef().max(10)).containerElementType().constraint(phone());
        person.field("fax").constraint(phone());
        person.field("mobile").constraint(phone());

        TypeConstraintMappingContext<Address> address = mapping.type(Address.class);
        for (String text : new String[]{"province", "city", "district"}) {
            address.field(text).constraint(new SizeDef().max(SHORT));
        }
        address.field("street").constraint(new SizeDef().max(300));
        address.field("postcode").constraint(new SizeDef().max(20));

        TypeConstraintMappingContext<Contact> contact = mapping.type(Contact.class);
        contact.field("name").constraint(new NotBlankDef()).constraint(new SizeDef().max(SHORT));
        contact.field("title").constraint(new SizeDef().max(SHORT));
        contact.field("phone").constraint(phone());
        contact.field("notes").constraint(new SizeDef().max(LONG));

        TypeConstraintMappingContext<BusinessSection> business = mapping.type(BusinessSection.class);
        for (String list : new String[]{"mainProducts", "channels", "competitorsCarried", "markets"}) {
            business.field(list).constraint(new SizeDef().max(50))
                    .containerElementType().constraint(new NotBlankDef()).constraint(new SizeDef().max(SHORT));
        }
        business.field("annualVolume").constraint(new DecimalMinDef().value("0"))
                .constraint(new DigitsDef().integer(15).fraction(2));
        business.field("localMarketRank").constraint(new MinDef().value(1));
        business.field("requirements").valid();
        business.field("goals").constraint(new SizeDef().max(LONG));
        business.field("problems").constraint(new SizeDef().max(LONG));
        business.field("competitorSales").valid().constraint(new SizeDef().max(50));

        TypeConstraintMappingContext<Requirements> requirements = mapping.type(Requirements.class);
        for (String text : new String[]{"delivery", "packaging", "timeliness", "other"}) {
            requirements.field(text).constraint(new SizeDef().max(LONG));
        }

        TypeConstraintMappingContext<CompetitorSale> sale = mapping.type(CompetitorSale.class);
        sale.field("product").constraint(new NotBlankDef()).constraint(new SizeDef().max(SHORT));
        sale.field("competitor").constraint(new SizeDef().max(SHORT));
        sale.field("period").constraint(new SizeDef().max(20));
        for (String amount : new String[]{"ourSales", "competitorSales"}) {
            sale.field(amount).constraint(new DecimalMinDef().value("0")).constraint(new DigitsDef().integer(15).fraction(2));
        }
        sale.field("currency").constraint(new PatternDef().regexp("[A-Z]{3}").message("{card.currency}"));

        TypeConstraintMappingContext<PaymentSection> payment = mapping.type(PaymentSection.class);
        payment.field("creditRating").constraint(new SizeDef().max(20));
        payment.field("paymentTerms").constraint(new SizeDef().max(200));
        payment.field("creditLimit").constraint(new DecimalMinDef().value("0"))
                .constraint(new DigitsDef().integer(15).fraction(2));

        TypeConstraintMappingContext<PurchaseSection> purchase = mapping.type(PurchaseSection.class);
        purchase.field("firstTradeDate").constraint(new PastOrPresentDef());
        purchase.field("lastPurchase").constraint(new PastOrPresentDef());
        purchase.field("purchaseFrequency").constraint(new SizeDef().max(SHORT));
        purchase.field("totalAmount").constraint(new DecimalMinDef().value("0"))
                .constraint(new DigitsDef().integer(15).fraction(2));
    }

    /** The seed's rule: a landline with its area code, a mobile, or a number abroad with its country code. */
    private static GenericConstraintDef<PhoneNumber> phone() {
        return new GenericConstraintDef<>(PhoneNumber.class);
    }
}
