/**
 * What every package of query-side may use and that uses none of them: an event's context and changed fields, SQL
 * arrays, who owns a customer and whether it withdrew its consent.
 */
package com.customerarchive.query.core;
