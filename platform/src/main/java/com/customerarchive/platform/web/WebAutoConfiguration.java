package com.customerarchive.platform.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Clock;

/** Problem answers for every failure, period parameters that take dates, and the one clock. */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
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

    @Bean
    @ConditionalOnWebApplication
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    @Bean
    @ConditionalOnWebApplication
    WebMvcConfigurer periodParameters() {
        return new WebMvcConfigurer() {
            @Override
            public void addFormatters(FormatterRegistry registry) {
                registry.addConverter(new InstantOrDate());
            }
        };
    }
}
