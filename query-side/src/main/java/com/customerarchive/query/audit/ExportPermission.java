package com.customerarchive.query.audit;

import com.customerarchive.events.org.OrgChart;
import com.customerarchive.platform.security.AccessProperties;
import com.customerarchive.platform.web.Exports;
import com.customerarchive.platform.web.ForbiddenException;
import com.customerarchive.query.core.OrgCharts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Export (输出) is a permission of its own: a member of the organisation whose position is not among
 * {@code archive.access.export-positions} gets no CSV and no page of a customer list after the first (403
 * export-not-permitted, before anything is read). What is exported is in the access trail ({@link BulkReads}).
 */
@Component
class ExportPermission implements HandlerInterceptor, WebMvcConfigurer {

    private final OrgCharts charts;
    private final AccessProperties access;

    ExportPermission(OrgCharts charts, AccessProperties access) {
        this.charts = charts;
        this.access = access;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !exports(request, method)) {
            return true;
        }
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (user == null) {
            return true;
        }
        OrgChart chart = charts.chart();
        chart.placement(user.getName()).filter(placement -> !access.exportPositions()
                .contains(placement.position().name())).ifPresent(placement -> {
                    throw new ForbiddenException("export-not-permitted", "Export not permitted", "A "
                            + placement.position() + " does not export: CSV and the pages of a list after the first "
                            + "are for the positions " + access.exportPositions() + " (archive.access.export-positions).");
                });
        return true;
    }

    /** A CSV answer, or a customer list's page after the first. */
    private static boolean exports(HttpServletRequest request, HandlerMethod method) {
        if (Exports.asked(request.getHeader(HttpHeaders.ACCEPT))) {
            return true;
        }
        String page = request.getParameter("page");
        return method.hasMethodAnnotation(ReadsCustomers.class) && page != null && !page.isBlank()
                && !page.strip().equals("0");
    }
}
