package com.customerarchive.platform.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import com.customerarchive.platform.time.BusinessZone;
import org.springframework.context.annotation.Bean;
import org.springframework.context.MessageSource;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import org.springframework.format.FormatterRegistry;
import org.springframework.http.converter.HttpMessageConverter;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Clock;
import java.util.Locale;
import java.util.List;

/** Problem answers for every failure, period parameters that take dates, the one clock and the business zone. */
@AutoConfiguration(beforeName = {"org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration",
        "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration"})
@EnableConfigurationProperties(BusinessZone.class)
public class WebAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnWebApplication
    ApiProblemHandler apiProblemHandler() {
        return new ApiProblemHandler();
    }

    /** Problems in the request's language (Accept-Language: en, zh-CN), from the app's message catalogue. */
    @Bean
    @ConditionalOnWebApplication
    LocalisedProblems localisedProblems(MessageSource messages) {
        return new LocalisedProblems(messages);
    }

    /**
     * The language of an answer from {@code Accept-Language}: English (the default) or Chinese; any Chinese (zh,
     * zh-TW, zh-Hans) is read as zh-CN, the one Chinese catalogue.
     */
    @Bean(name = "localeResolver")
    @ConditionalOnWebApplication
    @ConditionalOnMissingBean(name = "localeResolver")
    LocaleResolver localeResolver() {
        AcceptHeaderLocaleResolver resolver = new AcceptHeaderLocaleResolver();
        resolver.setSupportedLocales(List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE));
        resolver.setDefaultLocale(Locale.ENGLISH);
        return resolver;
    }

    @Bean
    @ConditionalOnWebApplication
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    @Bean
    @ConditionalOnWebApplication
    WebMvcConfigurer periodParameters(BusinessZone zone) {
        return new WebMvcConfigurer() {
            @Override
            public void addFormatters(FormatterRegistry registry) {
                registry.addConverter(new InstantOrDate(zone));
            }
        };
    }

    /** Lists and reports as Excel workbooks where the app carries Apache POI. */
    @Bean
    @ConditionalOnWebApplication
    @ConditionalOnClass(name = "org.apache.poi.xssf.streaming.SXSSFWorkbook")
    WebMvcConfigurer xlsxAnswers(JsonMapper json, BusinessZone zone, MessageSource messages) {
        return new WebMvcConfigurer() {
            @Override
            public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
                converters.add(new XlsxMessageConverter(json, zone, messages));
            }
        };
    }

    /** Lists and reports as text/csv where the app carries Jackson's CSV format. */
    @Bean
    @ConditionalOnWebApplication
    @ConditionalOnClass(name = "tools.jackson.dataformat.csv.CsvMapper")
    WebMvcConfigurer csvAnswers(JsonMapper json) {
        return new WebMvcConfigurer() {
            @Override
            public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
                converters.add(new CsvMessageConverter(json));
            }
        };
    }
}
