package com.customerarchive.platform.web;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every problem answer in the language of the request's {@code Accept-Language} (English and Chinese, zh-CN): its
 * {@code title} from the message catalogue by its type ({@code problem.<type>.title}), its {@code detail} from the key
 * and arguments the code gave ({@link ProblemResponses#localised}) or, in another language than English, the type's
 * general detail ({@code problem.<type>.detail}). The code's English text stays where the catalogue has nothing. The
 * machine-readable {@code type}, {@code rule} and {@code errors[].field} never change.
 */
@ControllerAdvice
public class LocalisedProblems implements ResponseBodyAdvice<Object> {

    private final MessageSource messages;

    public LocalisedProblems(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem) {
            localise(problem, LocaleContextHolder.getLocale());
        }
        return body;
    }

    void localise(ProblemDetail problem, Locale locale) {
        Map<String, Object> properties = problem.getProperties();
        String key = properties == null ? null : (String) properties.remove(ProblemResponses.DETAIL_KEY);
        Object args = properties == null ? null : properties.remove(ProblemResponses.DETAIL_ARGS);
        if (properties != null && properties.isEmpty()) {
            problem.setProperties(null);
        }
        String type = problem.getType().toString();
        if (!type.startsWith(ProblemResponses.TYPE_BASE)) {
            return;
        }
        String code = type.substring(ProblemResponses.TYPE_BASE.length());
        problem.setTitle(messages.getMessage("problem." + code + ".title", null, problem.getTitle(), locale));
        Object[] arguments = args instanceof List<?> list ? list.toArray() : null;
        if (key != null) {
            problem.setDetail(messages.getMessage(key, arguments, problem.getDetail(), locale));
        } else if (!"en".equals(locale.getLanguage())) {
            problem.setDetail(messages.getMessage("problem." + code + ".detail", null, problem.getDetail(), locale));
        }
    }
}
