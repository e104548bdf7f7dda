package io.mmplatform.common.messages;

public enum KillState {
    ENGAGED, RELEASED
}
