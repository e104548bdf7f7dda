package io.mmplatform.common.messages;

/** The lifecycle of one order as execution sees it. */
public enum OrderEventType {
    /** execution decided to send it (before the venue answered) */
    NEW,
    /** the venue accepted it and it rests */
    ACK,
    /** the venue refused it; reason holds the venue's text */
    REJECT,
    /** it no longer rests: cancelled by us, by the venue, or an IOC remainder */
    CANCELED,
    /** a cancel we sent was refused (already filled or unknown) */
    CANCEL_REJECT,
    /** (part of) it traded; see exec.fills for the fill itself */
    FILL,
    /** completely filled */
    FILLED
}
