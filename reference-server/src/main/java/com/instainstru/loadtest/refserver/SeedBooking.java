package com.instainstru.loadtest.refserver;

/** A booking between a student and an instructor. */
public record SeedBooking(String id, String status, String studentId, String instructorId) {
}
