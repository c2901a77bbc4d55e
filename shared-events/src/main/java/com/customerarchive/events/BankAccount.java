package com.customerarchive.events;

/** A bank account (开户行 · 账号): the bank and branch, the account's name and its number. */
public record BankAccount(String bank, String accountName, String accountNumber) {
}
